import { describe, expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import {
  buildInviteHash,
  filmUrlWithInvite,
  parseInviteHash,
  readJoinPage,
  withoutInviteHash,
} from './invite-hash';

describe('invite hash', () => {
  test('round-trips room and invite', () => {
    const hash = buildInviteHash({ roomId: 'r_1', invite: 'a.b.c' });
    expect(parseInviteHash(hash)).toEqual({ roomId: 'r_1', invite: 'a.b.c' });
    expect(parseInviteHash('#kino-room=abc')).toEqual({ roomId: 'abc', invite: null });
  });

  test('ignores other hashes and hostile room ids', () => {
    expect(parseInviteHash('#chapter-2')).toBeNull();
    expect(parseInviteHash('#kino-room=../../x')).toBeNull();
  });

  test('builds the film URL and strips the hash again', () => {
    const url = filmUrlWithInvite('http://localhost:3000/films/night-train', {
      roomId: 'r1',
      invite: null,
    });
    expect(url).toBe('http://localhost:3000/films/night-train#kino-room=r1');
    expect(withoutInviteHash(url!)).toBe('http://localhost:3000/films/night-train');
    expect(filmUrlWithInvite('javascript:alert(1)', { roomId: 'r1', invite: null })).toBeNull();
  });
});

test('readJoinPage reads the metas', () => {
  const window = new Window({ url: 'http://localhost:8787/join/r1' });
  window.document.head.innerHTML = `<meta name="kino-room" content="r1">
    <meta name="kino-film-url" content="http://localhost:3000/films/night-train">
    <meta name="kino-invite" content="tok">`;
  const doc = window.document as unknown as Document;
  expect(readJoinPage(doc)).toEqual({
    filmUrl: 'http://localhost:3000/films/night-train',
    target: { roomId: 'r1', invite: 'tok' },
  });
  window.document.head.innerHTML = '<meta name="kino-room" content="r1">';
  expect(readJoinPage(doc)).toBeNull();
});
