/**
 * Starts the demo cinema with Bun.serve. `startCinema({ port: 0 })` picks a
 * free port (tests); options fall back to env, then to the documented defaults.
 * The first start on a clean clone makes the HLS streams with ffmpeg (media/hls).
 */
import { createCinemaRoutes, createNotFound } from './app.ts';
import { type CinemaOptions, resolveCinemaConfig } from './config.ts';
import type { CinemaContext } from './context.ts';
import { createDirectory } from './data/directory.ts';
import { prepareHls } from './media/hls/prepare.ts';
import { createMediaLibrary } from './media/library.ts';

export type { CinemaOptions } from './config.ts';

export interface RunningCinema {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startCinema(opts: CinemaOptions = {}): Promise<RunningCinema> {
  const config = resolveCinemaConfig(opts);
  const ctx: CinemaContext = {
    config,
    directory: await createDirectory(),
    media: createMediaLibrary(),
    hls: await prepareHls({ dir: config.hlsDir, generate: config.generateHls }),
    publicUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, ''),
  };
  const server = Bun.serve({
    port: config.port,
    routes: createCinemaRoutes(ctx),
    fetch: createNotFound(ctx),
  });
  const port = server.port ?? config.port;
  const url = `http://localhost:${port}`;
  // With port 0 the public URL is known only now; handlers read it per request.
  if (!config.publicUrl) ctx.publicUrl = url;

  return {
    url,
    port,
    stop: () => server.stop(true),
  };
}
