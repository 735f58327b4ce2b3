/** The latency proxy over real loopback sockets: delays both ways and keeps byte order. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connect, createServer, type Server } from 'node:net';
import { createJitterSchedule } from './jitter.ts';
import { type LatencyProxy, startLatencyProxy } from './proxy.ts';
import { seededRandom } from './random.ts';

describe('startLatencyProxy', () => {
  let echo: Server;
  let proxy: LatencyProxy;

  beforeAll(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const address = echo.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const random = seededRandom(11);
    proxy = await startLatencyProxy({ host: '127.0.0.1', port }, () =>
      createJitterSchedule({ meanMs: 40, jitterMs: 15 }, random),
    );
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  test('a round trip takes two jittered one-way delays, and order is kept', async () => {
    const socket = connect(proxy.port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let received = '';
    const arrivals: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      arrivals.push(performance.now());
    });
    const sentAt = performance.now();
    const expected: string[] = [];
    // Messages far faster than the jitter: a reordering link would shuffle them.
    for (let i = 0; i < 40; i++) {
      const message = `<${i}>`;
      expected.push(message);
      socket.write(message);
      await Bun.sleep(2);
    }
    const deadline = performance.now() + 3000;
    while (received.length < expected.join('').length && performance.now() < deadline) {
      await Bun.sleep(10);
    }
    socket.destroy();
    expect(received).toBe(expected.join(''));
    const firstRoundTrip = (arrivals[0] ?? Number.POSITIVE_INFINITY) - sentAt;
    // Two one-way delays of 25–55 ms each, plus scheduling on a possibly busy machine.
    expect(firstRoundTrip).toBeGreaterThanOrEqual(49);
    expect(firstRoundTrip).toBeLessThan(1000);
  });
});
