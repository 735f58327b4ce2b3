import { describe, expect, test } from 'bun:test';
import { createLogger } from './log/logger.ts';
import { exitOnSignals, type ShutdownSignal } from './shutdown.ts';

function harness(stop: () => Promise<void>, deadlineMs = 1_000) {
  const handlers = new Map<ShutdownSignal, () => void>();
  const exits: number[] = [];
  const lines: string[] = [];
  let exited: (code: number) => void = () => {};
  const firstExit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  exitOnSignals({
    stop,
    log: createLogger({ format: 'json', write: (line) => lines.push(line) }),
    onSignal: (signal, handler) => handlers.set(signal, handler),
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    deadlineMs,
  });
  const send = (signal: ShutdownSignal) => handlers.get(signal)!();
  const msgs = () => lines.map((l) => JSON.parse(l).msg as string);
  return { send, exits, firstExit, msgs };
}

describe('exitOnSignals', () => {
  test('SIGTERM stops the backend, then exits 0', async () => {
    let stopped = false;
    const h = harness(async () => {
      await Bun.sleep(20);
      stopped = true;
    });
    h.send('SIGTERM');
    expect(h.exits).toEqual([]);
    expect(await h.firstExit).toBe(0);
    expect(stopped).toBe(true);
    expect(h.msgs()).toEqual(['shutting down', 'stopped']);
  });

  test('a second signal exits at once with 128 + its number', async () => {
    const h = harness(() => new Promise(() => {}));
    h.send('SIGTERM');
    h.send('SIGINT');
    expect(h.exits).toEqual([130]);
    expect(h.msgs()).toEqual(['shutting down', 'second signal: exiting now']);
  });

  test('a shutdown past its deadline exits 1; a failed one too', async () => {
    const hung = harness(() => new Promise(() => {}), 30);
    hung.send('SIGINT');
    expect(await hung.firstExit).toBe(1);
    expect(hung.msgs()).toContain('shutdown took too long: exiting');

    const failing = harness(async () => {
      throw new Error('redis gone');
    });
    failing.send('SIGTERM');
    expect(await failing.firstExit).toBe(1);
    expect(failing.msgs()).toContain('shutdown failed');
  });
});
