import { expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { handOverInvite } from './join-page';

function joinPage(head: string): Document {
  const window = new Window({ url: 'http://localhost:8787/join/r1' });
  window.document.head.innerHTML = head;
  return window.document as unknown as Document;
}

test('marks the page and opens the film with the room in the hash', () => {
  const doc = joinPage(`<meta name="kino-room" content="r1">
    <meta name="kino-film-url" content="http://localhost:3000/films/night-train">`);
  const opened: string[] = [];
  handOverInvite(doc, { assign: (url: string | URL) => opened.push(String(url)) });
  expect(doc.documentElement.dataset.kinoExtension).toBe('1');
  expect(opened).toEqual(['http://localhost:3000/films/night-train#kino-room=r1']);
});

test('a page without the metas (or with a non-http film URL) only gets the mark', () => {
  const opened: string[] = [];
  const assign = { assign: (url: string | URL) => opened.push(String(url)) };
  const plain = joinPage('');
  expect(handOverInvite(plain, assign)).toBeNull();
  expect(plain.documentElement.dataset.kinoExtension).toBe('1');
  const hostile = joinPage(`<meta name="kino-room" content="r1">
    <meta name="kino-film-url" content="javascript:alert(1)">`);
  expect(handOverInvite(hostile, assign)).toBeNull();
  expect(opened).toEqual([]);
});
