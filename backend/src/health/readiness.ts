/**
 * Readiness: is each dependency answering right now? Each check is a cheap round trip with
 * its own timeout, all run together; answers are reused for READINESS_CACHE_MS so a flood
 * of probes cannot turn into a flood of connections to the database, Redis or SMTP.
 *
 * The database and the live store are required: without them rooms cannot be created or
 * joined, so the instance is not ready (503). The mail server is reported but not required:
 * invites wait in the queue and go out when it is back, so an SMTP outage must not take every
 * instance out of the load balancer.
 */
import { withTimeout } from '../http/deadline.ts';

export const READINESS_CACHE_MS = 1_000;
export const CHECK_TIMEOUT_MS = 1_500;

export type CheckName = 'db' | 'live' | 'mail';

export interface CheckResult {
  ok: boolean;
  /** Which implementation answered (postgres, pglite, redis, memory, smtp, outbox). */
  kind: string;
  ms: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<CheckName, CheckResult>;
}

export interface ReadinessCheck {
  kind: string;
  required: boolean;
  run(): Promise<void>;
}

export function createReadiness(
  checks: Record<CheckName, ReadinessCheck>,
  clock: () => number = Date.now,
) {
  let cached: { at: number; result: Promise<Readiness> } | null = null;

  async function runCheck(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      await withTimeout(check.run, CHECK_TIMEOUT_MS, () => new Error('no answer in time'));
      return { ok: true, kind: check.kind, ms: ms() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: check.kind, ms: ms(), error: message.slice(0, 200) };
    }
  }

  async function evaluate(): Promise<Readiness> {
    const names = Object.keys(checks) as CheckName[];
    const results = await Promise.all(names.map((name) => runCheck(checks[name])));
    const byName = Object.fromEntries(names.map((n, i) => [n, results[i]!])) as Readiness['checks'];
    const ready = names.every((name) => byName[name].ok || !checks[name].required);
    return { ready, checks: byName };
  }

  return {
    check(): Promise<Readiness> {
      const now = clock();
      if (!cached || now - cached.at >= READINESS_CACHE_MS) {
        cached = { at: now, result: evaluate() };
      }
      return cached.result;
    },
  };
}
