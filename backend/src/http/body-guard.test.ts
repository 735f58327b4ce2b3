import { expect, test } from 'bun:test';
import { readBodyCapped } from './body-guard.ts';
import { HttpError } from './errors.ts';

/** A request whose body is produced on demand; counts what was pulled and whether it was cancelled. */
function streamingRequest(chunks: number, chunkBytes: number, delayMs = 0) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seen.pulled >= chunks) return controller.close();
      if (delayMs) await Bun.sleep(delayMs);
      seen.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  const request = new Request('http://localhost/x', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, seen };
}

async function failure(run: Promise<unknown>): Promise<HttpError> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('expected a failure');
}

test('a body within the limit is read whole', async () => {
  const { request } = streamingRequest(4, 1000);
  expect((await readBodyCapped(request, 4000)).byteLength).toBe(4000);
});

test('a body past the limit is refused as soon as the count passes it, and the stream cancelled', async () => {
  const { request, seen } = streamingRequest(1_000_000, 1024);
  const error = await failure(readBodyCapped(request, 4096));
  expect(error).toMatchObject({ status: 413, code: 'body_too_large' });
  expect(seen.pulled).toBeLessThan(10);
  expect(seen.cancelled).toBe(true);
});

test('a trickling body is refused after the read timeout', async () => {
  const { request, seen } = streamingRequest(1000, 1, 30);
  const error = await failure(readBodyCapped(request, 4096, 200));
  expect(error).toMatchObject({ status: 408, code: 'body_timeout' });
  expect(seen.cancelled).toBe(true);
});
