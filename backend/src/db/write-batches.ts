/**
 * Many small writes as few statements: while `inFlight` writes run, what arrives waits and then
 * goes together in the next, at most `maxBatch` at once. Under a light load an item goes alone
 * at once (or, with a `linger`, waits a little for company); under a heavy one a round trip and
 * a commit (a WAL flush) serve many items, where one transaction each queued them behind the
 * pool and the disk.
 * Each item still succeeds or fails on its own: should one item's data spoil a batch (a row it
 * refers to deleted meanwhile), the batch's items are tried again one by one; should anything
 * else fail it (the database away, a timeout), all of them fail at once.
 */

export interface WriteBatchOptions<T, R> {
  /** Most items in one write; more wait for the next. */
  maxBatch: number;
  /** Writes in flight at once (each holds one pooled connection while it runs). */
  inFlight: number;
  /**
   * Writes the items together; answers one result per item, in their order. `retry`: an item
   * tried alone after one of its batch spoiled the batch.
   */
  write(items: T[], retry: boolean): Promise<R[]>;
  /** Whether the error is one item's own, so that the items are worth trying one by one. */
  spoiledByAnItem(error: unknown): boolean;
  /**
   * With no write running, waits up to `ms` after the first of the waiting items arrived for
   * more to join it, unless `fullAt` items wait already: at a light load fewer, fuller
   * statements, for a little latency.
   */
  linger?: { ms: number; fullAt: number };
}

export interface WriteBatches<T, R> {
  add(item: T): Promise<R>;
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export function writeBatches<T, R>(options: WriteBatchOptions<T, R>): WriteBatches<T, R> {
  const queue: Pending<T, R>[] = [];
  let running = 0;
  const linger = options.linger && options.linger.ms > 0 ? options.linger : null;
  /** The oldest waiting item's linger is over (or none is wanted): what waits goes. */
  let due = linger === null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function run(batch: Pending<T, R>[], retry: boolean): Promise<void> {
    try {
      const results = await options.write(
        batch.map((p) => p.item),
        retry,
      );
      for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
    } catch (error) {
      if (batch.length === 1 || !options.spoiledByAnItem(error)) {
        // Away, slow or anything else that is the database's, not an item's: every item fails
        // now (their callers retry), rather than each waiting its own turn to fail.
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) await run([p], true);
    }
  }

  function pump(): void {
    if (running >= options.inFlight || queue.length === 0) return;
    // Only an idle writer lingers: while a write runs, what arrives batches up behind it anyway
    // (and under a heavy load a wait would only cost throughput).
    if (!due && running === 0 && queue.length < (linger?.fullAt ?? 0)) return;
    running++;
    const batch = queue.splice(0, options.maxBatch);
    if (linger && queue.length === 0) {
      // The next item to arrive lingers anew. Items left behind (more than maxBatch waited)
      // keep the oldest's timer, or go at once should it have fired: they waited already.
      due = false;
      if (timer) clearTimeout(timer);
      timer = null;
    }
    void run(batch, false).finally(() => {
      running--;
      pump();
    });
  }

  return {
    add(item: T): Promise<R> {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (linger && queue.length === 1 && !due) {
          timer = setTimeout(() => {
            timer = null;
            due = true;
            pump();
          }, linger.ms);
        }
        pump();
      });
    },
  };
}
