/**
 * Starts a whole backend (deps, app, mail worker, room sweeper) on a port.
 * Used by `index.ts`, the dev script and end-to-end tests (port 0 = any free port).
 */
import { createApp } from './app.ts';
import { type Config, parseConfig } from './config.ts';
import { type AppDeps, closeDeps, createDeps, type DepsOverrides } from './deps.ts';
import { startPerfProbe } from './live/perf-probe.ts';
import { startRoomSweeper } from './rooms/expiry.ts';
import { SHUTDOWN_TIMING } from './shutdown.ts';

export interface StopOptions {
  /** How long requests in flight may take to finish before their connections are cut. */
  drainMs?: number;
}

export interface RunningBackend {
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  /**
   * Stops accepting connections at once, tells WebSocket clients 1012 (service restart) so they
   * reconnect elsewhere, lets requests in flight finish (up to `drainMs`), then closes the stores.
   */
  stop(options?: StopOptions): Promise<void>;
}

export type StartOptions = DepsOverrides;

export async function startBackend(
  configOverrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningBackend> {
  const config = { ...parseConfig(process.env), ...configOverrides };
  const deps = await createDeps(config, options);
  const probe = config.perfTrace ? startPerfProbe((line) => deps.log.error(line)) : null;
  if (probe) deps.live = probe.wrap(deps.live);
  const app = createApp(deps);
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
  deps.log.info(`listening on ${config.host}:${port}`, {
    port,
    pid: process.pid,
    db: deps.dbKind,
    live: deps.live.kind,
    mail: deps.mail.transport.kind,
  });
  return {
    url,
    port,
    app,
    deps,
    async stop({ drainMs = SHUTDOWN_TIMING.drainMs }: StopOptions = {}) {
      stopSweeper();
      probe?.stop();
      const server = app.server;
      // No new connections from here on (the balancer sends them to another instance); the
      // requests already running go on.
      const drained = server ? server.stop(false) : Promise.resolve();
      // Elysia does not await plugin stop hooks: stop the hub ourselves so clients get
      // 1012 (service restart) and reconnect, and its leave cleanup still has the stores.
      await app.decorator.realtimeHub.stop();
      const inTime = await Promise.race([
        drained.then(() => true),
        Bun.sleep(drainMs).then(() => false),
      ]);
      if (!inTime && server) {
        deps.log.warn?.('requests still running after the drain time: closing them', {
          pending: server.pendingRequests,
          drain_ms: drainMs,
        });
        await server.stop(true);
      }
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
