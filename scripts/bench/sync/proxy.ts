/**
 * A TCP proxy on loopback that delays each direction of every connection by a
 * jittered one-way latency (see jitter.ts), keeping byte order per direction.
 * One proxy per browser profile, so each client gets its own link. It is plain
 * TCP, so the extension's HTTP calls and its WebSocket both go through it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { JitterSchedule } from './jitter.ts';

export interface LatencyProxy {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Passes chunks from one socket to another at their scheduled release times, in order. */
function delayedPipe(from: Socket, to: Socket, schedule: JitterSchedule): void {
  const queue: { releaseAt: number; chunk: Buffer }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;

  const flush = () => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && (queue[0]?.releaseAt ?? 0) <= now) {
      const item = queue.shift();
      if (item && !to.destroyed) to.write(item.chunk);
    }
    if (queue.length > 0) arm();
    else if (ended) to.end();
  };
  const arm = () => {
    if (timer || queue.length === 0) return;
    timer = setTimeout(flush, Math.max(0, (queue[0]?.releaseAt ?? 0) - performance.now()));
  };

  from.on('data', (chunk: Buffer) => {
    queue.push({ releaseAt: schedule.releaseAt(performance.now()), chunk });
    arm();
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0) to.end();
  });
}

/** `link()` makes the schedule of one direction of one connection (jitter.ts, lossy-link.ts). */
export function startLatencyProxy(
  target: { host: string; port: number },
  link: () => JitterSchedule,
): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // One side failing closes the pair, like a dropped link.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    delayedPipe(client, upstream, link());
    delayedPipe(upstream, client, link());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        port,
        url: `http://localhost:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
