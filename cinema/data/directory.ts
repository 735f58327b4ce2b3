/**
 * Read-only queries over the cinema's users, friends, films and want-to-watch
 * lists. Built once from the seed; passwords live here only as hashes.
 */
import {
  type Film,
  SEED_FILMS,
  SEED_FRIENDSHIPS,
  SEED_PASSWORD,
  SEED_USERS,
  SEED_WANT_TO_WATCH,
  type SeedUser,
} from './seed.ts';

export interface Directory {
  findUser(id: string): SeedUser | undefined;
  /** The user's friends in seed order; with `wantsFilm`, only those who want to watch it. */
  friendsOf(id: string, wantsFilm?: string): SeedUser[];
  wantsToWatch(userId: string, filmId: string): boolean;
  findFilm(id: string): Film | undefined;
  listFilms(): readonly Film[];
  /** The user when login and password match, otherwise undefined. */
  checkPassword(login: string, password: string): Promise<SeedUser | undefined>;
}

export interface DirectorySeed {
  users: readonly SeedUser[];
  friendships: readonly (readonly [string, string])[];
  films: readonly Film[];
  wantToWatch: Readonly<Record<string, readonly string[]>>;
  password: string;
}

const DEFAULT_SEED: DirectorySeed = {
  users: SEED_USERS,
  friendships: SEED_FRIENDSHIPS,
  films: SEED_FILMS,
  wantToWatch: SEED_WANT_TO_WATCH,
  password: SEED_PASSWORD,
};

export async function createDirectory(seed: DirectorySeed = DEFAULT_SEED): Promise<Directory> {
  const users = new Map(seed.users.map((u) => [u.id, u]));
  const films = new Map(seed.films.map((f) => [f.id, f]));
  const friends = new Map<string, Set<string>>();
  for (const [a, b] of seed.friendships) {
    friends.set(a, (friends.get(a) ?? new Set()).add(b));
    friends.set(b, (friends.get(b) ?? new Set()).add(a));
  }
  // bcrypt with a low cost: real hashing, but quick enough for a start per test file.
  const hashes = new Map<string, string>();
  for (const user of seed.users) {
    hashes.set(user.id, await Bun.password.hash(seed.password, { algorithm: 'bcrypt', cost: 4 }));
  }

  const wantsToWatch = (userId: string, filmId: string) =>
    seed.wantToWatch[userId]?.includes(filmId) ?? false;

  return {
    findUser: (id) => users.get(id),
    friendsOf(id, wantsFilm) {
      const ids = friends.get(id) ?? new Set<string>();
      return seed.users.filter(
        (u) => ids.has(u.id) && (wantsFilm === undefined || wantsToWatch(u.id, wantsFilm)),
      );
    },
    wantsToWatch,
    findFilm: (id) => films.get(id),
    listFilms: () => seed.films,
    async checkPassword(login, password) {
      const user = users.get(login);
      const hash = hashes.get(login);
      if (!user || !hash) return undefined;
      return (await Bun.password.verify(password, hash)) ? user : undefined;
    },
  };
}
