import { expect, test } from 'bun:test';
import { FILM_PAGE_URL_MAX_LENGTH } from '@kino/shared/film-page';
import { Value } from '@sinclair/typebox/value';
import { CINEMA_ID_MAX_LENGTH } from '../ids.ts';
import {
  CreateRoomBody,
  FILM_PAGE_TITLE_INPUT_MAX,
  MAX_INVITEES,
  MAX_REQUEST_BODY_BYTES,
} from './rooms.ts';

test('the largest room body the schema allows fits the request body limit', () => {
  const id = (n: number) => `${n}`.padStart(CINEMA_ID_MAX_LENGTH, 'u');
  const largest = {
    filmId: 'f'.repeat(CINEMA_ID_MAX_LENGTH),
    // Both names of the film are legal to the schema (the service refuses the pair); a lone
    // surrogate is the costliest title character: six bytes as a JSON escape.
    page: {
      url: `https://${'e'.repeat(FILM_PAGE_URL_MAX_LENGTH - 8)}`,
      title: '\uD800'.repeat(FILM_PAGE_TITLE_INPUT_MAX),
    },
    invitees: Array.from({ length: MAX_INVITEES }, (_, i) => id(i)),
    allowLinkJoin: false,
    // The longest start time a client sends: milliseconds and an offset.
    startsAt: '2026-12-05T20:00:00.000+03:00',
  };
  expect(Value.Check(CreateRoomBody, largest)).toBe(true);
  expect(Value.Check(CreateRoomBody, { ...largest, startsAt: 'x'.repeat(41) })).toBe(false);
  // One more invitee or a longer id is not a legal body, so this is the most it can take.
  expect(Value.Check(CreateRoomBody, { ...largest, invitees: [...largest.invitees, 'x'] })).toBe(
    false,
  );
  expect(Value.Check(CreateRoomBody, { ...largest, filmId: `${largest.filmId}f` })).toBe(false);
  // Pretty-printed (whitespace is legal JSON) it still fits.
  expect(
    Value.Check(CreateRoomBody, {
      ...largest,
      page: { ...largest.page, url: `${largest.page.url}e` },
    }),
  ).toBe(false);
  expect(
    Value.Check(CreateRoomBody, { ...largest, page: { ...largest.page, url: 'https://a\u0000' } }),
  ).toBe(false);
  const bytes = new TextEncoder().encode(JSON.stringify(largest, null, 1)).byteLength;
  expect(bytes).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
  // And the limit is not far above what a room body can be.
  expect(MAX_REQUEST_BODY_BYTES).toBeLessThan(2 * bytes);
});

test('ids are printable ASCII without path characters', () => {
  for (const bad of [
    'a/b',
    'a b',
    'a%2F',
    'я',
    'a\u0000',
    '',
    'x'.repeat(CINEMA_ID_MAX_LENGTH + 1),
  ]) {
    expect(Value.Check(CreateRoomBody, { filmId: bad, invitees: [] })).toBe(false);
  }
  for (const good of ['night-train', 'user@example.com', 'id:42', 'a.b_c~d+e=f']) {
    expect(Value.Check(CreateRoomBody, { filmId: good, invitees: [good] })).toBe(true);
  }
});
