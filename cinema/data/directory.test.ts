import { beforeAll, describe, expect, test } from 'bun:test';
import { createDirectory, type Directory } from './directory.ts';
import { SEED_FILMS, SEED_USERS } from './seed.ts';

describe('directory over the seed', () => {
  let dir: Directory;
  beforeAll(async () => {
    dir = await createDirectory();
  });

  const ids = (users: { id: string }[]) => users.map((u) => u.id);

  test("Anna's friends are boris, vera and gleb, not dasha", () => {
    expect(ids(dir.friendsOf('anna'))).toEqual(['boris', 'vera', 'gleb']);
  });

  test('friendship is symmetric', () => {
    for (const user of SEED_USERS) {
      for (const friend of dir.friendsOf(user.id)) {
        expect(ids(dir.friendsOf(friend.id))).toContain(user.id);
      }
    }
  });

  test('the wantsFilm filter keeps only friends who want that film', () => {
    expect(ids(dir.friendsOf('anna', 'night-train'))).toEqual(['boris', 'vera']);
    expect(ids(dir.friendsOf('anna', 'first-snow'))).toEqual(['gleb']);
    expect(ids(dir.friendsOf('vera', 'long-road'))).toEqual(['dasha']);
    expect(dir.friendsOf('nobody')).toEqual([]);
  });

  test('passwords are checked against hashes', async () => {
    expect((await dir.checkPassword('anna', 'kino'))?.id).toBe('anna');
    expect(await dir.checkPassword('anna', 'KINO')).toBeUndefined();
    expect(await dir.checkPassword('nobody', 'kino')).toBeUndefined();
  });

  test('films, including the 12-minute one for long sync runs', () => {
    expect(dir.listFilms().length).toBe(SEED_FILMS.length);
    expect(dir.findFilm('long-road')?.durationSec).toBe(720);
    expect(dir.findFilm('night-train')?.durationSec).toBe(120);
    expect(dir.findFilm('missing')).toBeUndefined();
  });
});
