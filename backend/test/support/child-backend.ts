/** Starts test/support/backend-process.ts as a child process and waits for it to listen. */
import type { Subprocess } from 'bun';

export interface ChildBackend {
  url: string;
  port: number;
  proc: Subprocess<'ignore', 'pipe', 'pipe'>;
  /** Everything the child wrote to stderr (its log). */
  log(): string;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const script = new URL('./backend-process.ts', import.meta.url).pathname;

export async function startChildBackend(
  env: Record<string, string>,
  overrides: Record<string, unknown> = {},
): Promise<ChildBackend> {
  const proc = Bun.spawn(['bun', script], {
    env: { ...process.env, ...env, KINO_TEST_OVERRIDES: JSON.stringify(overrides) },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let stderr = '';
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of proc.stderr) stderr += decoder.decode(chunk, { stream: true });
  })();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`child backend did not start:\n${stderr}`)),
      60_000,
    );
    void (async () => {
      let out = '';
      const decoder = new TextDecoder();
      for await (const chunk of proc.stdout) {
        out += decoder.decode(chunk, { stream: true });
        const ready = /READY (\d+)/.exec(out);
        if (ready) {
          clearTimeout(timer);
          resolve(Number(ready[1]));
          return;
        }
      }
      clearTimeout(timer);
      reject(new Error(`child backend exited before listening:\n${stderr}`));
    })();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    proc,
    log: () => stderr,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    async kill(signal = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await proc.exited;
    },
  };
}
