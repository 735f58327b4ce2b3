import { afterEach, beforeEach, describe, expect, jest, test } from 'bun:test';
import { writeBatches } from './write-batches.ts';

class SpoiledItem extends Error {}

/** Lets settled writes' continuations run (microtasks only: timers may be faked). */
async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A write that takes its time until released, recording the batches it was given. */
function gatedWriter(options: {
  inFlight: number;
  maxBatch: number;
  fails?: (n: number) => boolean;
  linger?: { ms: number; fullAt: number };
}) {
  const batches: number[][] = [];
  const retries: boolean[] = [];
  const gates: Array<() => void> = [];
  let failNext: unknown = null;
  const batched = writeBatches<number, string>({
    ...options,
    async write(items, retry) {
      batches.push(items);
      retries.push(retry);
      await new Promise<void>((release) => gates.push(release));
      if (failNext) {
        const error = failNext;
        failNext = null;
        throw error;
      }
      if (items.some((n) => options.fails?.(n))) throw new SpoiledItem('one item spoiled it');
      return items.map((n) => `ok ${n}`);
    },
    spoiledByAnItem: (error) => error instanceof SpoiledItem,
  });
  const releaseAll = async () => {
    // Each released write may start the next batch: release until nothing waits.
    for (let i = 0; i < 50 && gates.length > 0; i++) {
      for (const release of gates.splice(0)) release();
      await settle();
    }
  };
  const releaseOne = async () => {
    gates.shift()?.();
    await settle();
  };
  return {
    batched,
    batches,
    retries,
    releaseAll,
    releaseOne,
    failNextWith(error: unknown) {
      failNext = error;
    },
  };
}

describe('writeBatches', () => {
  test('an item alone goes at once; items arriving meanwhile wait and go together', async () => {
    const w = gatedWriter({ inFlight: 1, maxBatch: 100 });
    const first = w.batched.add(1);
    const rest = [2, 3, 4].map((n) => w.batched.add(n));
    expect(w.batches).toEqual([[1]]);
    await w.releaseAll();
    expect(await first).toBe('ok 1');
    expect(await Promise.all(rest)).toEqual(['ok 2', 'ok 3', 'ok 4']);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
  });

  test('at most inFlight writes run at once, each at most maxBatch items', async () => {
    const w = gatedWriter({ inFlight: 2, maxBatch: 3 });
    const all = Array.from({ length: 10 }, (_, i) => w.batched.add(i));
    expect(w.batches).toEqual([[0], [1]]);
    await w.releaseAll();
    await Promise.all(all);
    expect(w.batches.slice(2)).toEqual([
      [2, 3, 4],
      [5, 6, 7],
      [8, 9],
    ]);
  });

  test('an item that spoils its batch fails alone; the others are written one by one', async () => {
    const w = gatedWriter({ inFlight: 1, maxBatch: 10, fails: (n) => n === 3 });
    const blocker = w.batched.add(0);
    const results = [1, 2, 3, 4].map((n) =>
      w.batched.add(n).then(
        (ok) => ok,
        (error: unknown) => (error instanceof SpoiledItem ? 'spoiled' : 'other'),
      ),
    );
    await w.releaseAll();
    await blocker;
    expect(await Promise.all(results)).toEqual(['ok 1', 'ok 2', 'spoiled', 'ok 4']);
    expect(w.batches).toEqual([[0], [1, 2, 3, 4], [1], [2], [3], [4]]);
    // Only the lines tried alone are retries: a lone line at a light load is not one.
    expect(w.retries).toEqual([false, false, true, true, true, true]);
  });

  test("the database's own failure fails the whole batch at once, without retries", async () => {
    const w = gatedWriter({ inFlight: 1, maxBatch: 10 });
    const blocker = w.batched.add(0);
    const results = [1, 2, 3].map((n) => w.batched.add(n).catch((error: unknown) => error));
    const away = new Error('database is unavailable');
    await w.releaseOne(); // [0] done, [1, 2, 3] starts
    await blocker;
    w.failNextWith(away);
    await w.releaseAll();
    expect(await Promise.all(results)).toEqual([away, away, away]);
    expect(w.batches).toEqual([[0], [1, 2, 3]]);
  });

  describe('with a linger', () => {
    const linger = { ms: 20, fullAt: 4 };
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());
    const wait = (ms: number) => jest.advanceTimersByTime(ms);

    test('items arriving within the linger go together, after it', async () => {
      const w = gatedWriter({ inFlight: 2, maxBatch: 100, linger });
      const all = [1, 2].map((n) => w.batched.add(n));
      expect(w.batches).toEqual([]);
      wait(15);
      all.push(w.batched.add(3));
      expect(w.batches).toEqual([]);
      wait(5);
      expect(w.batches).toEqual([[1, 2, 3]]);
      await w.releaseAll();
      expect(await Promise.all(all)).toEqual(['ok 1', 'ok 2', 'ok 3']);
    });

    test('fullAt items waiting go at once; the next item lingers anew', async () => {
      const w = gatedWriter({ inFlight: 2, maxBatch: 100, linger });
      const all = [1, 2, 3, 4].map((n) => w.batched.add(n));
      expect(w.batches).toEqual([[1, 2, 3, 4]]);
      await w.releaseAll();
      all.push(w.batched.add(5));
      expect(w.batches).toEqual([[1, 2, 3, 4]]);
      wait(40);
      expect(w.batches).toEqual([[1, 2, 3, 4], [5]]);
      await w.releaseAll();
      expect(await Promise.all(all)).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
    });

    test('while a write runs, an item takes a free slot at once, as without a linger', async () => {
      const w = gatedWriter({ inFlight: 2, maxBatch: 100, linger });
      const all = [1, 2, 3, 4].map((n) => w.batched.add(n));
      all.push(w.batched.add(5));
      expect(w.batches).toEqual([[1, 2, 3, 4], [5]]);
      await w.releaseAll();
      expect(await Promise.all(all)).toEqual(['ok 1', 'ok 2', 'ok 3', 'ok 4', 'ok 5']);
    });

    test('items whose linger ended while every write ran go as soon as one ends', async () => {
      const w = gatedWriter({ inFlight: 1, maxBatch: 100, linger });
      const first = w.batched.add(0);
      wait(40);
      expect(w.batches).toEqual([[0]]);
      const rest = [1, 2].map((n) => w.batched.add(n));
      wait(40);
      expect(w.batches).toEqual([[0]]);
      await w.releaseOne();
      expect(w.batches).toEqual([[0], [1, 2]]);
      await w.releaseAll();
      expect(await first).toBe('ok 0');
      expect(await Promise.all(rest)).toEqual(['ok 1', 'ok 2']);
    });

    test('a failing batch fails its items as before; none is lost or written twice', async () => {
      const w = gatedWriter({ inFlight: 1, maxBatch: 100, linger, fails: (n) => n === 2 });
      const results = [1, 2, 3].map((n) =>
        w.batched
          .add(n)
          .catch((error: unknown) => (error instanceof SpoiledItem ? 'spoiled' : 'other')),
      );
      wait(40);
      await w.releaseAll();
      expect(await Promise.all(results)).toEqual(['ok 1', 'spoiled', 'ok 3']);
      expect(w.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    });

    test('a linger of 0 ms is none: an item alone goes at once', async () => {
      const w = gatedWriter({ inFlight: 1, maxBatch: 100, linger: { ms: 0, fullAt: 4 } });
      const one = w.batched.add(1);
      expect(w.batches).toEqual([[1]]);
      await w.releaseAll();
      expect(await one).toBe('ok 1');
    });
  });
});
