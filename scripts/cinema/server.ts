/**
 * Starts the demo cinema with Bun.serve. `startCinema({ port: 0 })` picks a
 * free port (tests); options fall back to env, then to the documented defaults.
 */
import { createCinemaHandler } from './app.ts';
import { type CinemaOptions, resolveCinemaConfig } from './config.ts';
import type { CinemaContext } from './context.ts';
import { createDirectory } from './data/directory.ts';
import { createMediaLibrary } from './media/library.ts';

export type { CinemaOptions } from './config.ts';

export interface RunningCinema {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startCinema(opts: CinemaOptions = {}): Promise<RunningCinema> {
  const config = resolveCinemaConfig(opts);
  const directory = await createDirectory();
  const media = createMediaLibrary();
  // The handler needs the public URL, which for port 0 is known only after listening.
  let handle: (req: Request) => Promise<Response> = async () =>
    new Response('Starting', { status: 503 });

  const server = Bun.serve({
    port: config.port,
    fetch: (req) => handle(req),
  });
  const port = server.port ?? config.port;
  const url = `http://localhost:${port}`;
  const ctx: CinemaContext = {
    config,
    directory,
    media,
    publicUrl: (config.publicUrl ?? url).replace(/\/+$/, ''),
  };
  handle = createCinemaHandler(ctx);

  return {
    url,
    port,
    stop: () => server.stop(true),
  };
}
