/**
 * A TCP forwarder in front of a service that a test can cut and restore, to play a Redis (or
 * Postgres) that goes away and comes back without touching the one other tests share.
 * - `cut()`: the listener closes and every forwarded connection is reset (a crash, a reboot);
 * - `blackhole()`: connections stay open but nothing gets through (a silent partition).
 */
import type { Socket, TCPSocketListener } from 'bun';

export interface TcpCut {
  port: number;
  /** Closes the listener and every forwarded connection. */
  cut(): void;
  /** Listens again on the same port. */
  restore(): void;
  /** Keeps every connection open but forwards nothing, either way, until `heal()`. */
  blackhole(): void;
  heal(): void;
  stop(): void;
}

export interface Link {
  upstream: Socket<unknown> | null;
  pending: Uint8Array[];
}

/**
 * Connects `client` (a socket accepted by a forwarder) to `target` and pipes both ways; what
 * the client sent before the upstream was open is sent first. Rejects when nobody listens.
 */
export async function pipeTo(
  client: Socket<Link>,
  target: { hostname: string; port: number },
  open: Set<Socket<unknown>>,
  passing: () => boolean = () => true,
): Promise<void> {
  await Bun.connect({
    ...target,
    socket: {
      open(upstream) {
        open.add(upstream);
        client.data.upstream = upstream;
        for (const chunk of client.data.pending) upstream.write(chunk);
        client.data.pending = [];
      },
      data(_upstream, chunk) {
        if (passing()) client.write(chunk);
      },
      close() {
        client.end();
      },
      error() {
        client.end();
      },
    },
  });
}

export function tcpCut(target: { hostname: string; port: number }): TcpCut {
  const open = new Set<Socket<unknown>>();
  let dropping = false;
  let listener: TCPSocketListener<Link>;
  const listen = (port: number) =>
    Bun.listen<Link>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          client.data = { upstream: null, pending: [] };
          open.add(client);
          pipeTo(client, target, open, () => !dropping).catch(() => client.end());
        },
        data(client, chunk) {
          if (dropping) return;
          if (client.data.upstream) client.data.upstream.write(chunk);
          else client.data.pending.push(new Uint8Array(chunk));
        },
        close(client) {
          client.data.upstream?.end();
          open.delete(client);
        },
      },
    });
  listener = listen(0);
  const port = listener.port;
  const cut = () => {
    listener.stop(true);
    for (const socket of open) socket.terminate();
    open.clear();
  };
  return {
    port,
    cut,
    restore() {
      listener = listen(port);
    },
    blackhole() {
      dropping = true;
    },
    heal() {
      dropping = false;
    },
    stop: cut,
  };
}
