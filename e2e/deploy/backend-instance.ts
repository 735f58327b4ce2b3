/**
 * One backend instance as its own process, started as an operator would: `bun run start`
 * (the production entry point) with the production stores in the environment. Stopping it is
 * a real process stop (SIGTERM: graceful; SIGKILL: a crash of the backend process itself), not
 * an in-process shutdown. Its output is the JSON log; `logLines()` hands it to the assertions.
 */
import { resolve } from 'node:path';
import { type Child, spawnChild, waitFor } from './child.ts';

const ROOT = resolve(import.meta.dir, '../..');

export interface StopResult {
  signal: 'SIGTERM' | 'SIGKILL';
  /** Exit code of `bun run start` (the backend's own). */
  code: number;
  ms: number;
}

export interface BackendInstance {
  readonly id: string;
  readonly port: number;
  running(): boolean;
  /** SIGTERM (deploy, drain) or SIGKILL (crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<StopResult | null>;
  /** Starts it again on the same port and settings. */
  start(): Promise<void>;
  /** What it printed (every run), one log line each. */
  logLines(): string[];
}

/** The backend's PID from its "listening" line (under `bun run` the child PID is bun's). */
function backendPid(lines: string[]): number {
  for (const line of [...lines].reverse()) {
    if (!line.includes('listening on')) continue;
    const pid = (JSON.parse(line) as { pid?: number }).pid;
    if (pid) return pid;
  }
  throw new Error('no "listening" line with a pid in the backend log');
}

export function backendInstance(
  id: string,
  port: number,
  env: Record<string, string>,
  output: string[],
): BackendInstance {
  let child: Child | undefined;
  const instanceEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
    INSTANCE_ID: id,
  };
  const prefix = `${id}: `;
  return {
    id,
    port,
    running: () => child?.running() ?? false,
    logLines: () => output.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length)),
    async start() {
      if (child?.running()) throw new Error(`${id} is already running`);
      const started = spawnChild(id, ['bun', 'run', 'start'], {
        cwd: ROOT,
        env: instanceEnv,
        output,
      });
      child = started;
      await waitFor(
        `${id} to answer /health on :${port}`,
        async () => {
          if (!started.running()) throw new Error(`${id} exited while starting`);
          return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
        },
        60_000,
      );
    },
    async stop(signal = 'SIGTERM') {
      if (!child?.running()) return null;
      const started = performance.now();
      if (signal === 'SIGKILL') {
        // The backend itself dies at once; `bun run` then exits with it.
        process.kill(backendPid(this.logLines()), 'SIGKILL');
        await Promise.race([child.exited, Bun.sleep(5_000)]);
        await child.stop('SIGKILL');
        const code = await child.exited;
        return { signal, code, ms: performance.now() - started };
      }
      await child.stop('SIGTERM');
      return { signal, code: await child.exited, ms: performance.now() - started };
    },
  };
}
