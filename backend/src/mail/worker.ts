/**
 * Sends queued mail: polls the queue, sends each due mail once, and on failure
 * schedules a retry with exponential backoff. Timing (poll interval, backoff,
 * clock) is injected so tests run in milliseconds. Pending rows left by a
 * previous run are simply due, so a restart re-sends them.
 */
import type { Db } from '../db/index.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.ts';
import { claimDueMail, markMailFailed, markMailSent } from './queue.ts';
import type { MailTransport } from './transport.ts';

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  clock: () => number;
  pollMs?: number;
  backoff?: BackoffPolicy;
  /** How long a claimed mail is reserved for this worker. */
  leaseMs?: number;
  batchSize?: number;
  log?: (message: string) => void;
}

export interface MailWorker {
  /** Sends everything due now; resolves with how many were sent. */
  runOnce(): Promise<number>;
  /** Ask for a run soon (after a room was created), instead of waiting for the poll. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, transport, clock } = options;
  const pollMs = options.pollMs ?? 2_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const log = options.log ?? (() => {});

  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  async function runBatch(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = clock();
      const batch = await claimDueMail(db, now, now + leaseMs, batchSize);
      for (const mail of batch) {
        try {
          await transport.send({
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
          });
          await markMailSent(db, mail.id, transport.kind, clock());
          sent++;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const message = error instanceof Error ? error.message : String(error);
          const retryAt = clock() + retryDelayMs(attempts, backoff);
          await markMailFailed(db, mail.id, attempts, message, retryAt);
          log(`mail ${mail.id} to ${mail.to} failed (attempt ${attempts}): ${message}`);
        }
      }
      if (batch.length < batchSize) return sent;
    }
  }

  // One run at a time; a kick during a run asks for one more run afterwards.
  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = runBatch().finally(() => {
      running = null;
      // After stop() the database may be closing: don't start another run then.
      if (again && !stopped) {
        again = false;
        void runOnce().catch((e) => log(`mail worker run failed: ${String(e)}`));
      }
    });
    return running;
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      timer = null;
      try {
        await runOnce();
      } catch (error) {
        log(`mail worker run failed: ${String(error)}`);
      }
      schedule(pollMs);
    }, delay);
  }

  return {
    runOnce,
    kick() {
      if (!stopped) schedule(0);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
}
