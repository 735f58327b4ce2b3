/** The unit file runs the production entry point and lets its graceful shutdown finish. */
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { SHUTDOWN_TIMING } from '../../backend/src/shutdown.ts';

const unit = await Bun.file(join(import.meta.dir, 'kino-backend@.service')).text();
const setting = (name: string) =>
  [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());

test('it starts `bun run start` and stops it with one SIGTERM, waiting past the shutdown deadline', async () => {
  const root = (await Bun.file(join(import.meta.dir, '../../package.json')).json()) as {
    scripts: Record<string, string>;
  };
  expect(root.scripts.start).toBeDefined();
  expect(setting('ExecStart')).toEqual(['/usr/local/bin/bun run start']);
  expect(setting('KillSignal')).toEqual(['SIGTERM']);
  // The signal goes to `bun run`, which passes it on once: a second one would mean "exit now".
  expect(setting('KillMode')).toEqual(['mixed']);
  const [timeout] = setting('TimeoutStopSec');
  expect(Number(timeout) * 1000).toBeGreaterThan(SHUTDOWN_TIMING.deadlineMs);
});
