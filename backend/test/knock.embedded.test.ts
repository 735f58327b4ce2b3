/** Knock to join on the embedded stack: PGlite in a folder, the in-process live store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { type RunningBackend, startBackend } from '../src/main.ts';
import { knockSuite } from './knock/suite.ts';
import { quietLogger, stopGracefully } from './realtime/servers.support.ts';
import { ROOMY_LIMIT_CONFIG } from './support/backend.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kino-knock-'));
let cinema: RunningCinema | undefined;
let backend: RunningBackend | undefined;

async function start() {
  cinema ??= await startCinema({ port: 0 });
  backend = await startBackend(
    { port: 0, dataDir, cinemaUrl: cinema.url, ...ROOMY_LIMIT_CONFIG },
    { log: quietLogger(), mailPollMs: 60_000 },
  );
  return { owner: backend, other: backend };
}

knockSuite('pglite + memory', {
  start,
  async restart() {
    if (backend) await stopGracefully(backend);
    return start();
  },
  async dispose() {
    if (backend) await stopGracefully(backend).catch(() => {});
    await cinema?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
