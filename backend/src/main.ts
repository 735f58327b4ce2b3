/**
 * Starts a whole backend (deps, app, mail worker, room sweeper) on a port.
 * Used by `index.ts`, the dev script and end-to-end tests (port 0 = any free port).
 */
import { createApp } from './app.ts';
import { type Config, parseConfig } from './config.ts';
import { type AppDeps, closeDeps, createDeps, type DepsOverrides } from './deps.ts';
import { startPerfProbe } from './live/perf-probe.ts';
import { startRoomSweeper } from './rooms/expiry.ts';

export interface RunningBackend {
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  stop(): Promise<void>;
}

export interface StartOptions extends DepsOverrides {
  /** Extra setup on the app before it listens (e.g. the realtime hub mounting /ws). */
  extend?: (app: ReturnType<typeof createApp>, deps: AppDeps) => ReturnType<typeof createApp>;
}

export async function startBackend(
  configOverrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningBackend> {
  const config = { ...parseConfig(process.env), ...configOverrides };
  const deps = await createDeps(config, options);
  const probe = config.perfTrace ? startPerfProbe((line) => deps.log.error(line)) : null;
  if (probe) deps.live = probe.wrap(deps.live);
  const base = createApp(deps);
  const app = options.extend ? options.extend(base, deps) : base;
  try {
    app.listen({ port: config.port, hostname: config.host });
  } catch (error) {
    // e.g. the port is taken: don't leave the database and Redis connections open.
    probe?.stop();
    await closeDeps(deps);
    throw error;
  }
  const port = app.server?.port ?? config.port;
  // With port 0 the public URL can only be known now.
  const url = localUrl(config.host, port);
  if (configOverrides.publicUrl === undefined && config.port === 0) {
    deps.config.publicUrl = url;
  }
  deps.mail.worker.start();
  const stopSweeper = startRoomSweeper({
    db: deps.db,
    live: deps.live,
    clock: deps.clock,
    instanceId: deps.instanceId,
    idleTtlMs: config.roomIdleTtlSeconds * 1000,
    intervalMs: config.roomSweepIntervalSeconds * 1000,
    onError: deps.log.error,
  });
  deps.log.info(
    `listening on ${config.host}:${port} (db ${deps.dbKind}, live ${deps.live.kind}, mail ${deps.mail.transport.kind})`,
  );
  return {
    url,
    port,
    app,
    deps,
    async stop() {
      stopSweeper();
      probe?.stop();
      // Elysia does not await plugin stop hooks: stop the hub first so clients get
      // 1012 (service restart) and reconnect, and its leave cleanup still has the stores.
      await app.decorator.realtimeHub.stop();
      await app.stop(true);
      await closeDeps(deps);
    },
  };
}

/** Where this machine reaches the server: a wildcard or loopback bind is reached as localhost. */
export function localUrl(host: string, port: number): string {
  if (['0.0.0.0', '::', 'localhost', '127.0.0.1'].includes(host)) return `http://localhost:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
