/** Builds a test backend (deps + app) from env-style settings, with fast mail timing. */
import { createApp } from '../../src/app.ts';
import { type Env, parseConfig } from '../../src/config.ts';
import { type AppDeps, createDeps, type DepsOverrides, type Logger } from '../../src/deps.ts';

export const FAST_MAIL = { mailPollMs: 20, mailBackoff: { baseMs: 50, maxMs: 200 } } as const;

/** Keeps log lines for assertions instead of printing them. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export async function buildBackend(env: Env, overrides: DepsOverrides = {}) {
  const config = parseConfig({ PUBLIC_URL: 'http://localhost:8787', ...env });
  const deps: AppDeps = await createDeps(config, {
    ...FAST_MAIL,
    log: memoryLogger(),
    ...overrides,
  });
  deps.mail.worker.start();
  return { app: createApp(deps), deps };
}
