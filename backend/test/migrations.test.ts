/** The committed drizzle-kit migrations match src/db/schema.ts (nobody forgot `bun run db:generate`). */
import { afterAll, expect, test } from 'bun:test';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIGRATIONS_FOLDER } from '../src/db/index.ts';

const backendDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kino-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('drizzle-kit finds no schema change against the committed migrations', () => {
  cpSync(MIGRATIONS_FOLDER, scratch, { recursive: true });
  const before = readdirSync(scratch).sort();
  // drizzle-kit only takes an --out relative to the working directory.
  const out = relative(backendDir, scratch);
  const run = Bun.spawnSync(
    [
      'bunx',
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/db/schema.ts',
      '--out',
      out,
    ],
    { cwd: backendDir, stdout: 'pipe', stderr: 'pipe' },
  );
  const output = `${run.stdout.toString()}${run.stderr.toString()}`;
  expect(run.exitCode).toBe(0);
  expect(output).toContain('No schema changes');
  expect(readdirSync(scratch).sort()).toEqual(before);
}, 60_000);
