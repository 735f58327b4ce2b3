/**
 * One database handle type for both persistence modes: node-postgres when
 * DATABASE_URL is set, PGlite (embedded Postgres in a folder) otherwise.
 * The same committed drizzle-kit migrations are applied at start in both.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { Pool } from 'pg';
import { guardDb } from './faults.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** A cheap round trip (readiness); rejects with DependencyUnavailableError when down. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Bounds on every database call, so an outage or a partition is an error within seconds and
 * never a request that hangs. A request as a whole is bounded by REQUEST_DEADLINE_MS.
 */
export const DB_TIMEOUTS = {
  /** Connecting, and also waiting for a free pooled connection. */
  connectMs: 2_000,
  /** Client side: no answer on an open connection (a partition) fails the query. */
  queryMs: 4_000,
  /** Server side: a statement running this long is cancelled. */
  statementMs: 3_000,
  /** Waiting for a row or advisory lock (the quota check takes one). */
  lockMs: 2_000,
  /** A transaction left open by a client that vanished releases its locks. */
  idleInTransactionMs: 10_000,
} as const;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function openPostgres(
  url: string,
  log: (message: string) => void = console.error,
): Promise<DbHandle> {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: DB_TIMEOUTS.connectMs,
    query_timeout: DB_TIMEOUTS.queryMs,
    statement_timeout: DB_TIMEOUTS.statementMs,
    lock_timeout: DB_TIMEOUTS.lockMs,
    idle_in_transaction_session_timeout: DB_TIMEOUTS.idleInTransactionMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // A reset connection emits `error` on its client: on an idle one the pool forwards it here,
  // on one checked out (inside a transaction) only the client's own listener would hear it.
  // Unheard, either kills the process. The pool drops the broken client and connects anew.
  pool.on('error', (error) => log(`database connection lost (idle): ${error.message}`));
  pool.on('connect', (client) => {
    client.on('error', (error) => log(`database connection lost (in use): ${error.message}`));
  });
  const db = drizzlePg(pool, { schema });
  try {
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    db,
    kind: 'postgres',
    ping: () => guardDb(async () => void (await pool.query('select 1'))),
    close: () => pool.end(),
  };
}

/** `dir` undefined → an in-memory PGlite (tests); otherwise data persists in that folder. */
export async function openPglite(dir?: string): Promise<DbHandle> {
  if (dir) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    kind: 'pglite',
    ping: () => guardDb(async () => void (await client.query('select 1'))),
    close: () => client.close(),
  };
}

export function openDb(
  config: { databaseUrl?: string; dataDir: string },
  log?: (message: string) => void,
): Promise<DbHandle> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, log)
    : openPglite(join(config.dataDir, 'pglite'));
}
