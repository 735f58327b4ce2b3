/**
 * Graceful shutdown of the production process. The first SIGTERM (or SIGINT) stops the
 * backend — stop accepting, sockets told 1012, requests in flight drained within a bound,
 * stores closed — and exits 0; if that takes longer than `deadlineMs` it exits 1 anyway. A
 * second signal exits at once (128 + the signal's number, as a shell reports it).
 * The process is passed in, so a test can send signals and watch exits without dying.
 */
import { errorField, type StructuredLogger } from './log/logger.ts';

/** systemd waits 20 s (TimeoutStopSec in deploy/systemd) before it kills; we are done sooner. */
export const SHUTDOWN_TIMING = {
  /** Requests still running after the sockets were closed get this long to finish. */
  drainMs: 5_000,
  /** The whole shutdown, draining and closing the stores included. */
  deadlineMs: 10_000,
} as const;

const SIGNAL_NUMBER = { SIGINT: 2, SIGTERM: 15 } as const;
export type ShutdownSignal = keyof typeof SIGNAL_NUMBER;

export interface ShutdownDeps {
  stop(): Promise<void>;
  log: StructuredLogger;
  onSignal(signal: ShutdownSignal, handler: () => void): void;
  exit(code: number): void;
  deadlineMs?: number;
  now?: () => number;
}

export function exitOnSignals(deps: ShutdownDeps): void {
  const now = deps.now ?? Date.now;
  const deadlineMs = deps.deadlineMs ?? SHUTDOWN_TIMING.deadlineMs;
  let started: number | null = null;
  const handle = (signal: ShutdownSignal) => {
    if (started !== null) {
      deps.log.warn('second signal: exiting now', { signal });
      deps.exit(128 + SIGNAL_NUMBER[signal]);
      return;
    }
    started = now();
    deps.log.info('shutting down', { signal });
    const overdue = setTimeout(() => {
      deps.log.error('shutdown took too long: exiting', { deadline_ms: deadlineMs });
      deps.exit(1);
    }, deadlineMs);
    deps.stop().then(
      () => {
        clearTimeout(overdue);
        deps.log.info('stopped', { duration_ms: now() - (started ?? now()) });
        deps.exit(0);
      },
      (error: unknown) => {
        clearTimeout(overdue);
        deps.log.error('shutdown failed', { error: errorField(error) });
        deps.exit(1);
      },
    );
  };
  for (const signal of Object.keys(SIGNAL_NUMBER) as ShutdownSignal[]) {
    deps.onSignal(signal, () => handle(signal));
  }
}
