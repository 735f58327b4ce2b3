/**
 * «Экран»: a third-party film site on its own origin, built with real players from npm
 * (Video.js, Plyr, media-chrome, Shaka, hls.js) and one in-house player, so the extension
 * can be tried on film pages that are not the demo cinema's. `startPlayerSites({ port: 0 })`
 * for tests; it serves the cinema's HLS streams (made first when missing).
 */
import { toServeRoutes } from '../http/routes.ts';
import { DEFAULT_HLS_DIR } from '../media/hls/generate.ts';
import { prepareHls } from '../media/hls/prepare.ts';
import { createMediaLibrary } from '../media/library.ts';
import { playerSitesNotFound, playerSitesRoutes } from './routes.ts';

export const PLAYER_SITES_DEFAULT_PORT = 3001;

export interface PlayerSitesOptions {
  /** 0 picks a free port (default PLAYER_SITES_PORT, then 3001). */
  port?: number;
  hlsDir?: string;
  generateHls?: boolean;
}

export interface RunningPlayerSites {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPlayerSites(opts: PlayerSitesOptions = {}): Promise<RunningPlayerSites> {
  const envPort = process.env.PLAYER_SITES_PORT;
  const port = opts.port ?? (envPort ? Number(envPort) : PLAYER_SITES_DEFAULT_PORT);
  const hls = await prepareHls({
    dir: opts.hlsDir ?? process.env.CINEMA_HLS_DIR ?? DEFAULT_HLS_DIR,
    generate: opts.generateHls ?? true,
  });
  const server = Bun.serve({
    port,
    routes: toServeRoutes(playerSitesRoutes({ hls, media: createMediaLibrary() })),
    fetch: playerSitesNotFound,
  });
  const actual = server.port ?? port;
  return { url: `http://localhost:${actual}`, port: actual, stop: () => server.stop(true) };
}
