import type { Config } from '../config.ts';
import { createCachedDirectory } from './cache.ts';
import { createHttpDirectory } from './http-client.ts';
import type { Directory } from './types.ts';

export { createCachedDirectory } from './cache.ts';
export { createHttpDirectory } from './http-client.ts';
export type { Directory, DirectoryFilm, DirectoryFriend, DirectoryUser } from './types.ts';

export function createDirectory(
  config: Pick<Config, 'cinemaUrl' | 'cinemaServiceKey'>,
  clock: () => number,
): Directory {
  const http = createHttpDirectory({
    baseUrl: config.cinemaUrl,
    serviceKey: config.cinemaServiceKey,
  });
  return createCachedDirectory(http, { ttlMs: 30_000, clock });
}
