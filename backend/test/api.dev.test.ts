/** The API suite in dev mode: no services — PGlite in a folder, in-memory live state, dev outbox. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDeps } from '../src/deps.ts';
import { listOutbox } from '../src/mail/queue.ts';
import { apiSuite } from './api/suite.ts';
import { buildBackend } from './support/backend.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kino-dev-'));

apiSuite('pglite + memory + outbox', {
  stores: { db: 'pglite', live: 'memory', mail: 'outbox' },
  async start(cinemaUrl) {
    const backend = await buildBackend({ DATA_DIR: dataDir, CINEMA_URL: cinemaUrl });
    return { ...backend, delivered: () => listOutbox(backend.deps.db) };
  },
  stop: (env) => closeDeps(env.deps),
  async cleanup() {
    rmSync(dataDir, { recursive: true, force: true });
  },
});
