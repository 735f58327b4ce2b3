/**
 * One backend instance as its own process, started as an operator would: `bun
 * backend/src/index.ts` with the production stores in the environment. Stopping it is a
 * real process stop (SIGTERM: graceful; SIGKILL: a crash), not an in-process shutdown.
 */
import { resolve } from 'node:path';
import { type Child, spawnChild, waitFor } from './child.ts';

const ENTRY = resolve(import.meta.dir, '../../backend/src/index.ts');

export interface BackendInstance {
  readonly id: string;
  readonly port: number;
  running(): boolean;
  /** SIGTERM (deploy, drain) or SIGKILL (crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port and settings. */
  start(): Promise<void>;
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
  return {
    id,
    port,
    running: () => child?.running() ?? false,
    async start() {
      if (child?.running()) throw new Error(`${id} is already running`);
      const started = spawnChild(id, ['bun', ENTRY], { env: instanceEnv, output });
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
      await child?.stop(signal);
    },
  };
}
