/**
 * What the fault suite starts and kills itself, besides the backends (test/support's child
 * backends): a redis-server of its own (never the machine's), and a TCP balancer in front of
 * the backends. Everything is started on free ports and killed by the PID it was given.
 */

import { type Socket, type Subprocess, spawn, type TCPSocketListener } from 'bun';

interface Link {
  upstream: Socket<unknown> | null;
  pending: Uint8Array[];
}

export async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up`);
    await Bun.sleep(50);
  }
}

const pong = async (port: number) => {
  try {
    const socket = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
};

/** A redis-server without persistence: a restart comes back empty. */
export class OwnRedis {
  private proc: Subprocess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.proc = spawn(
      [
        'redis-server',
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      { stdout: 'ignore', stderr: 'ignore' },
    );
    await waitUntil(() => pong(this.port), 'redis-server');
  }

  /** SIGKILL: no shutdown, no save. */
  async kill(): Promise<void> {
    this.proc?.kill(9);
    await this.proc?.exited;
    this.proc = null;
  }
}

/**
 * A TCP balancer: each new connection goes to the next backend in turn, or to the one after it
 * when that one refuses (a dead instance), as nginx or haproxy in front of a deployment would.
 */
export function tcpBalancer(ports: () => number[]): { port: number; stop(): void } {
  let turn = 0;
  const open = new Set<Socket<unknown>>();
  const connectTo = async (client: Socket<Link>, tries: number[]): Promise<void> => {
    const [port, ...rest] = tries;
    if (port === undefined) {
      client.end();
      return;
    }
    try {
      await Bun.connect({
        hostname: '127.0.0.1',
        port,
        socket: {
          open(upstream) {
            open.add(upstream);
            client.data.upstream = upstream;
            for (const chunk of client.data.pending) upstream.write(chunk);
            client.data.pending = [];
          },
          data: (_upstream, chunk) => void client.write(chunk),
          close: () => void client.end(),
          error: () => void client.end(),
        },
      });
    } catch {
      await connectTo(client, rest);
    }
  };
  const listener: TCPSocketListener<Link> = Bun.listen<Link>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(client) {
        client.data = { upstream: null, pending: [] };
        open.add(client);
        const all = ports();
        const start = turn++ % all.length;
        void connectTo(client, [...all.slice(start), ...all.slice(0, start)]);
      },
      data(client, chunk) {
        if (client.data.upstream) client.data.upstream.write(chunk);
        else client.data.pending.push(new Uint8Array(chunk));
      },
      close(client) {
        client.data.upstream?.end();
        open.delete(client);
      },
    },
  });
  return {
    port: listener.port,
    stop() {
      listener.stop(true);
      for (const socket of open) socket.terminate();
    },
  };
}
