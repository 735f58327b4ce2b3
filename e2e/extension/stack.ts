/**
 * The dev stack for the extension's end-to-end specs, in-process: the demo cinema on
 * :3000 and the backend on :8787 (the ports the extension's manifest matches), with
 * PGlite in a temp dir, the in-memory live store and the dev outbox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCinema } from '@kino/cinema/server';
import { waitForFreePorts } from '@kino/test-support/ports';
import { startBackend } from '../../backend/src/main.ts';

export const CINEMA_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:8787';

export interface Stack {
  cinemaUrl: string;
  backendUrl: string;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  await waitForFreePorts([3000, 8787], { timeoutMs: 180_000, label: 'extension e2e' });
  const dataDir = await mkdtemp(join(tmpdir(), 'kino-e2e-ext-'));
  const cinema = await startCinema({ port: 3000 });
  const backend = await startBackend({
    port: 8787,
    publicUrl: BACKEND_URL,
    cinemaUrl: CINEMA_URL,
    dataDir,
    databaseUrl: undefined,
    redisUrl: undefined,
    smtpUrl: undefined,
  });
  return {
    cinemaUrl: CINEMA_URL,
    backendUrl: BACKEND_URL,
    async stop() {
      await backend.stop();
      await cinema.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** The dev outbox's mails (newest last or first, as the backend lists them). */
export async function readOutbox(): Promise<OutboxMail[]> {
  const response = await fetch(`${BACKEND_URL}/dev/outbox`);
  const body = (await response.json()) as
    | OutboxMail[]
    | { mails?: OutboxMail[]; messages?: OutboxMail[] };
  return Array.isArray(body) ? body : (body.mails ?? body.messages ?? []);
}
