/** Builds a test backend (deps + app) from env-style settings, with fast mail timing. */
import { createApp } from '../../src/app.ts';
import { type Config, type Env, parseConfig } from '../../src/config.ts';
import { type AppDeps, createDeps, type DepsOverrides, type Logger } from '../../src/deps.ts';

export const FAST_MAIL = {
  mailPollMs: 20,
  mailProbeMs: 50,
  mailBackoff: { baseMs: 50, maxMs: 200 },
} as const;

/**
 * Suites that are not about quotas create many rooms quickly as one user; quota tests set
 * their own QUOTA_* values on top. The same as a Config part, for startBackend callers.
 */
export const ROOMY_LIMITS = {
  QUOTA_ROOMS: '10000',
  QUOTA_INVITES_SENT: '100000',
  QUOTA_INVITES_RECEIVED: '100000',
  API_RATE_PER_SECOND: '10000',
  API_RATE_BURST: '100000',
} as const;
const roomy = parseConfig(ROOMY_LIMITS);
export const ROOMY_LIMIT_CONFIG: Pick<Config, 'quotas' | 'apiRateLimit'> = {
  quotas: roomy.quotas,
  apiRateLimit: roomy.apiRateLimit,
};

/** Keeps log lines for assertions instead of printing them. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export async function buildBackend(env: Env, overrides: DepsOverrides = {}) {
  const config = parseConfig({ PUBLIC_URL: 'http://localhost:8787', ...ROOMY_LIMITS, ...env });
  const deps: AppDeps = await createDeps(config, {
    ...FAST_MAIL,
    log: memoryLogger(),
    ...overrides,
  });
  deps.mail.worker.start();
  return { app: createApp(deps), deps };
}
