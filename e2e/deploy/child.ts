/**
 * A child process of the suite with its output kept for the failure report, and a stop
 * that always ends it: a signal of our choice, then SIGKILL after a grace period.
 */
import type { Subprocess } from 'bun';

export interface Child {
  readonly name: string;
  readonly pid: number;
  /** Everything it printed (stdout and stderr), oldest first. */
  readonly output: string[];
  readonly exited: Promise<number>;
  running(): boolean;
  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

async function collect(stream: ReadableStream<Uint8Array>, lines: string[], name: string) {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) lines.push(`${name}: ${line}`);
    // A long run keeps only the last lines: the report needs the end of the story.
    if (lines.length > 4000) lines.splice(0, lines.length - 2000);
  }
  if (buffered) lines.push(`${name}: ${buffered}`);
}

export function spawnChild(
  name: string,
  cmd: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; output?: string[] } = {},
): Child {
  const output = opts.output ?? [];
  const proc: Subprocess<'ignore', 'pipe', 'pipe'> = Bun.spawn(cmd, {
    cwd: opts.cwd,
    env: opts.env,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  void collect(proc.stdout, output, name);
  void collect(proc.stderr, output, name);
  return {
    name,
    pid: proc.pid,
    output,
    exited: proc.exited,
    running: () => proc.exitCode === null && proc.signalCode === null,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const ended = await Promise.race([proc.exited.then(() => true), Bun.sleep(graceMs)]);
      if (!ended) {
        proc.kill('SIGKILL');
        await proc.exited;
      }
    },
  };
}

/** Polls `probe` until it returns true, or throws `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await Bun.sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
