/**
 * `bun run test`: everything CI checks, in order — typecheck, lint, extension build,
 * release packages, the demo cinema's HLS streams, unit + integration tests, then the
 * browser (Playwright) suites. Stops at the first failing step and ends with one summary line "N passed, N failed".
 */

import { TEST_RELEASE_ENV } from '@kino/test-support/test-deployment';
import { spawn } from 'bun';

interface Step {
  name: string;
  cmd: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** Test steps report pass/fail counts parsed from bun test's summary. */
  countsTests?: boolean;
}

const root = new URL('..', import.meta.url).pathname;

const steps: Step[] = [
  { name: 'typecheck', cmd: ['bun', 'run', 'typecheck'] },
  { name: 'lint', cmd: ['bun', 'run', 'lint'] },
  { name: 'extension build', cmd: ['bun', 'run', 'build:ext'] },
  // The store packages for the test deployment, checked as the stores will (manifests,
  // web-ext lint, a rebuild from the sources zip); e2e/deploy then runs the Chrome and
  // Firefox zips behind HAProxy.
  { name: 'release packages', cmd: ['bun', 'run', 'release'], env: TEST_RELEASE_ENV },
  // The demo cinema's HLS streams, made with ffmpeg on a clean clone (quick when cached), so
  // no suite's first startCinema spends its hook timeout on them.
  { name: 'demo cinema HLS streams', cmd: ['bun', 'cinema/media/hls/cli.ts'] },
  // bunfig.toml's [test] timeout is not applied by this Bun, so the runner passes it.
  { name: 'unit + integration tests', cmd: ['bun', 'test', '--timeout=30000'], countsTests: true },
  {
    name: 'browser tests',
    cmd: ['bun', 'test', '--timeout=120000'],
    cwd: 'e2e',
    countsTests: true,
  },
];

let passed = 0;
let failed = 0;

async function run(step: Step): Promise<boolean> {
  console.log(`\n━━ ${step.name}: ${step.cmd.join(' ')}${step.cwd ? ` (in ${step.cwd}/)` : ''}`);
  const started = performance.now();
  const proc = spawn(step.cmd, {
    cwd: step.cwd ? `${root}${step.cwd}` : root,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, ...step.env },
  });
  // bun test prints its summary on stderr; tee both streams and keep the text to parse.
  const collect = async (stream: ReadableStream<Uint8Array>, out: NodeJS.WriteStream) => {
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      const s = decoder.decode(chunk, { stream: true });
      text += s;
      out.write(s);
    }
    return text;
  };
  const [out, err] = await Promise.all([
    collect(proc.stdout, process.stdout),
    collect(proc.stderr, process.stderr),
  ]);
  const code = await proc.exited;
  if (step.countsTests) {
    const text = out + err;
    const pass = text.match(/^\s*(\d+) pass$/m);
    const fail = text.match(/^\s*(\d+) fail$/m);
    passed += pass ? Number(pass[1]) : 0;
    failed += fail ? Number(fail[1]) : 0;
    if (!pass) {
      console.error(`${step.name}: no test summary found — did any test run?`);
      return false;
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`━━ ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs}s`);
  return code === 0;
}

let ok = true;
for (const step of steps) {
  if (!(await run(step))) {
    ok = false;
    break;
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
