/**
 * Everything the app needs from the outside world, built once from the config.
 * Tests build the same thing (possibly with overrides) and call `createApp`.
 */
import { join } from 'node:path';
import type { Config } from './config.ts';
import { type Db, type DbHandle, openDb } from './db/index.ts';
import { createDirectory, type Directory } from './directory/index.ts';
import { createLiveStore } from './live/index.ts';
import type { LiveStore } from './live/types.ts';
import { createLogger, type Logger } from './log/logger.ts';
import type { BackoffPolicy } from './mail/backoff.ts';
import {
  createOutboxTransport,
  createSmtpTransport,
  type MailTransport,
} from './mail/transport.ts';
import { createMailWorker, type MailWorker } from './mail/worker.ts';

export type { Logger } from './log/logger.ts';

export interface MailDeps {
  transport: MailTransport;
  worker: MailWorker;
}

export interface AppDeps {
  config: Config;
  db: Db;
  dbKind: DbHandle['kind'];
  /** A cheap database round trip (readiness); rejects with DependencyUnavailableError. */
  dbPing: () => Promise<void>;
  live: LiveStore;
  mail: MailDeps;
  directory: Directory;
  clock: () => number;
  instanceId: string;
  log: Logger;
  /** Internal: closes what createDeps opened. */
  dispose: () => Promise<void>;
}

export interface DepsOverrides {
  directory?: Directory;
  clock?: () => number;
  log?: Logger;
  /** Use this LiveStore instead of creating one (not closed by closeDeps). */
  live?: LiveStore;
  /** Use this database instead of opening one (not closed by closeDeps). */
  db?: DbHandle;
  mailTransport?: MailTransport;
  mailPollMs?: number;
  mailBackoff?: BackoffPolicy;
  mailProbeMs?: number;
  mailLeaseMs?: number;
}

/** Readable lines for a terminal; the production entry point passes its JSON log instead. */
export const consoleLogger: Logger = createLogger({ format: 'text' });

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<AppDeps> {
  const clock = overrides.clock ?? Date.now;
  const log = overrides.log ?? consoleLogger;
  const handle = overrides.db ?? (await openDb(config, log.error));
  const live =
    overrides.live ??
    (await createLiveStore({
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
      snapshotPath: join(config.dataDir, 'live-state.json'),
    }).catch(async (error: unknown) => {
      if (!overrides.db) await handle.close();
      throw error;
    }));
  const transport =
    overrides.mailTransport ??
    (config.smtpUrl
      ? createSmtpTransport({ url: config.smtpUrl, from: config.mailFrom })
      : createOutboxTransport());
  const worker = createMailWorker({
    db: handle.db,
    transport,
    clock,
    pollMs: overrides.mailPollMs,
    backoff: overrides.mailBackoff,
    probeMs: overrides.mailProbeMs,
    leaseMs: overrides.mailLeaseMs,
    log: log.error,
  });
  return {
    config,
    db: handle.db,
    dbKind: handle.kind,
    dbPing: () => handle.ping(),
    live,
    mail: { transport, worker },
    directory: overrides.directory ?? createDirectory(config, clock),
    clock,
    instanceId: config.instanceId,
    log,
    async dispose() {
      await worker.stop();
      await transport.close();
      if (!overrides.live) await live.close();
      if (!overrides.db) await handle.close();
    },
  };
}

export function closeDeps(deps: AppDeps): Promise<void> {
  return deps.dispose();
}
