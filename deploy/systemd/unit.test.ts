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

test('every setting in backend.env.example is one the backend reads (no silent typos)', async () => {
  const example = await Bun.file(join(import.meta.dir, 'backend.env.example')).text();
  const config = await Bun.file(join(import.meta.dir, '../../backend/src/config.ts')).text();
  const read = new Set([...config.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!));
  const set = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
  expect(set.length).toBeGreaterThan(10);
  for (const name of set) expect({ name, read: read.has(name) }).toEqual({ name, read: true });
  // The unit sets these two per instance.
  expect(setting('Environment')).toEqual(['PORT=%i', 'INSTANCE_ID=%H-%i']);
  expect(read.has('PORT') && read.has('INSTANCE_ID')).toBe(true);
});
