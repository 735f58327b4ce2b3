import { expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { autoMountAt } from './auto-mount';

test('mounts when the anchor appears, again after the page re-renders it, and stops on abort', async () => {
  const window = new Window();
  const doc = window.document as unknown as Document;
  const g = globalThis as unknown as { MutationObserver: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
  const host = doc.createElement('kino-watch-together');
  let mounts = 0;
  const ui = {
    shadowHost: host,
    mount() {
      mounts++;
      doc.querySelector('.film-actions')?.append(host);
    },
    remove() {
      host.remove();
    },
  };
  const controller = new AbortController();
  const flush = () => new Promise((r) => setTimeout(r, 10));
  try {
    autoMountAt(() => doc.querySelector('.film-actions'), ui, controller.signal, doc);
    expect(mounts).toBe(0);
    doc.body.innerHTML = '<div class="film-actions"></div>';
    await flush();
    expect(host.isConnected).toBe(true);
    // An SPA re-renders the actions bar: the button comes back into the new one.
    doc.body.innerHTML = '<div class="film-actions"></div>';
    await flush();
    expect(mounts).toBe(2);
    expect(doc.querySelector('.film-actions')?.contains(host)).toBe(true);
    controller.abort();
    doc.body.innerHTML = '<div class="film-actions"></div>';
    await flush();
    expect(mounts).toBe(2);
  } finally {
    g.MutationObserver = saved;
  }
});
