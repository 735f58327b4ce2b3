import { expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { watchVideo } from './video-watcher';

test('follows a video element that is replaced, and stops on abort', async () => {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = '<div class="player"><video id="a"></video></div>';
  const seen: (string | null)[] = [];
  const controller = new AbortController();
  const g = globalThis as unknown as { MutationObserver: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
  try {
    watchVideo(
      () => doc.querySelector('video'),
      (v) => seen.push(v?.id ?? null),
      controller.signal,
      doc,
    );
    const player = doc.querySelector('.player')!;
    player.innerHTML = '<video id="b"></video>';
    await new Promise((r) => setTimeout(r, 20));
    player.innerHTML = '';
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    player.innerHTML = '<video id="c"></video>';
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    g.MutationObserver = saved;
  }
  expect(seen).toEqual(['a', 'b', null]);
});

test('follows a video that a web component replaces inside its open shadow root', async () => {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = '<hls-video></hls-video>';
  const shadow = doc.querySelector('hls-video')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<video id="a"></video>';
  const seen: (string | null)[] = [];
  const controller = new AbortController();
  const g = globalThis as unknown as { MutationObserver: unknown };
  const saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
  try {
    watchVideo(
      () => shadow.querySelector('video'),
      (v) => seen.push(v?.id ?? null),
      controller.signal,
      doc,
    );
    shadow.innerHTML = '<video id="b"></video>';
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
  } finally {
    g.MutationObserver = saved;
  }
  expect(seen).toEqual(['a', 'b']);
});
