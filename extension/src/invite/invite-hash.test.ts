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
  test('round-trips the room', () => {
    const hash = buildInviteHash({ roomId: 'r_1' });
    expect(hash).toBe('#kino-room=r_1');
    expect(parseInviteHash(hash)).toEqual({ roomId: 'r_1' });
    // A link from before the hash carried only the room: its old invite token is ignored.
    expect(parseInviteHash('#kino-room=abc&invite=tok')).toEqual({ roomId: 'abc' });
  });

  test('ignores other hashes and hostile room ids', () => {
    expect(parseInviteHash('#chapter-2')).toBeNull();
    expect(parseInviteHash('#kino-room=../../x')).toBeNull();
    expect(parseInviteHash('#kino-room=a%00b')).toBeNull();
    expect(parseInviteHash(`#kino-room=${'r'.repeat(65)}`)).toBeNull();
  });

  test('builds the film URL and strips the hash again', () => {
    const url = filmUrlWithInvite('http://localhost:3000/films/night-train', { roomId: 'r1' });
    expect(url).toBe('http://localhost:3000/films/night-train#kino-room=r1');
    expect(withoutInviteHash(url!)).toBe('http://localhost:3000/films/night-train');
    expect(filmUrlWithInvite('javascript:alert(1)', { roomId: 'r1' })).toBeNull();
  });
});

test('readJoinPage reads the metas', () => {
  const window = new Window({ url: 'http://localhost:8787/join/r1' });
  window.document.head.innerHTML = `<meta name="kino-room" content="r1">
    <meta name="kino-film-url" content="http://localhost:3000/films/night-train">`;
  const doc = window.document as unknown as Document;
  expect(readJoinPage(doc)).toEqual({
    filmUrl: 'http://localhost:3000/films/night-train',
    target: { roomId: 'r1' },
  });
  window.document.head.innerHTML = '<meta name="kino-room" content="r1">';
  expect(readJoinPage(doc)).toBeNull();
});
