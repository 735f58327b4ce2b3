/**
 * Sends queued mail, one leased mail at a time, each exactly as queued (same Message-ID on
 * every attempt). A refusal of a message is retried with exponential backoff. A mail server
 * that cannot be reached stops the sending: the worker probes it every `probeMs` and drains
 * the queue as soon as it answers, so invites go out seconds after an outage, not minutes.
 * Timing (poll, probe, lease, backoff, clock) is injected so tests run in milliseconds.
 * Pending rows left by a previous run are simply due (or due once their lease ends).
 *
 * Delivery is at least once: if the process dies after the server accepted a mail but before
 * the row is marked sent, the mail goes out again when its lease ends, with the same Message-ID.
 */
import type { Db } from '../db/index.ts';
import { withTimeout } from '../http/deadline.ts';
import type { LogFields } from '../log/logger.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff.ts';
import { classifySendFailure } from './failure.ts';
import { claimNextMail, markMailFailed, markMailSent } from './queue.ts';
import type { MailTransport } from './transport.ts';

export const MAIL_TIMING = {
  pollMs: 2_000,
  /** How often an unreachable mail server is asked whether it is back. */
  probeMs: 1_000,
  /** One send, start to finish; longer counts as a connection failure. */
  sendTimeoutMs: 20_000,
  /** A claimed mail is reserved this long: past the longest send, short after a crash. */
  leaseMs: 30_000,
} as const;

export interface MailWorkerOptions {
  db: Db;
  transport: MailTransport;
  clock: () => number;
  pollMs?: number;
  probeMs?: number;
  sendTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** How long a claimed mail is reserved for this worker. */
  leaseMs?: number;
  log?: (message: string, fields?: LogFields) => void;
}

export interface MailWorker {
  /** Sends everything due now; resolves with how many were sent. */
  runOnce(): Promise<number>;
  /** Ask for a run soon (after a room was created), instead of waiting for the poll. */
  kick(): void;
  /** Whether the last send found the mail server unreachable (and it has not answered since). */
  readonly serverDown: boolean;
  start(): void;
  stop(): Promise<void>;
}

function sendTimedOut(): Error {
  return Object.assign(new Error('the mail server did not finish the send in time'), {
    code: 'SEND_TIMEOUT',
  });
}

export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, transport, clock } = options;
  const pollMs = options.pollMs ?? MAIL_TIMING.pollMs;
  const probeMs = options.probeMs ?? MAIL_TIMING.probeMs;
  const sendTimeoutMs = options.sendTimeoutMs ?? MAIL_TIMING.sendTimeoutMs;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const leaseMs = options.leaseMs ?? MAIL_TIMING.leaseMs;
  const log = options.log ?? (() => {});

  let timer: ReturnType<typeof setTimeout> | null = null;
  let probeTimer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  /** No timers run (never started, or stopped). */
  let stopped = true;
  /** stop() was called: a run in progress ends after its current mail. */
  let halted = false;
  let serverDown = false;

  async function sendOne(): Promise<'sent' | 'failed' | 'empty'> {
    const now = clock();
    const mail = await claimNextMail(db, now, now + leaseMs);
    if (!mail) return 'empty';
    const { to, subject, text, html, messageId, calendar, calendarMethod } = mail;
    try {
      await withTimeout(
        () => transport.send({ to, subject, text, html, messageId, calendar, calendarMethod }),
        sendTimeoutMs,
        sendTimedOut,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (classifySendFailure(error) === 'connection') {
        // Not this mail's fault: due again at once, sent as soon as a probe finds the server.
        await markMailFailed(db, mail.id, mail.attempts, message, clock());
        if (!serverDown) {
          log('mail server unreachable; probing', { error: message, probe_ms: probeMs });
        }
        serverDown = true;
        scheduleProbe();
      } else {
        const attempts = mail.attempts + 1;
        await markMailFailed(
          db,
          mail.id,
          attempts,
          message,
          clock() + retryDelayMs(attempts, backoff),
        );
        // The address stays out of the log: the mail's id finds it in the queue.
        log('mail refused', { mail: mail.id, attempt: attempts, error: message });
      }
      return 'failed';
    }
    await markMailSent(db, mail.id, transport.kind, clock());
    return 'sent';
  }

  async function runBatch(): Promise<number> {
    let sent = 0;
    while (!serverDown && !halted) {
      const outcome = await sendOne();
      if (outcome === 'empty') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
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

  function scheduleProbe() {
    if (stopped || probeTimer) return;
    probeTimer = setTimeout(async () => {
      probeTimer = null;
      try {
        await withTimeout(() => transport.verify(), sendTimeoutMs, sendTimedOut);
      } catch {
        scheduleProbe();
        return;
      }
      log('mail server answers again; sending the queue');
      serverDown = false;
      schedule(0);
    }, probeMs);
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
      if (!stopped && !serverDown) schedule(0);
    },
    get serverDown() {
      return serverDown;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      halted = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      halted = true;
      if (timer) clearTimeout(timer);
      if (probeTimer) clearTimeout(probeTimer);
      timer = null;
      probeTimer = null;
      await running?.catch(() => 0);
    },
  };
}
