/**
 * A TCP forwarder in front of Redis that a test can cut and restore, to play a Redis that
 * goes away and comes back without touching the Redis other tests share.
 */
import type { Socket, TCPSocketListener } from 'bun';

export interface TcpCut {
  port: number;
  /** Closes the listener and every forwarded connection. */
  cut(): void;
  /** Listens again on the same port. */
  restore(): void;
  stop(): void;
}

export function tcpCut(target: { hostname: string; port: number }): TcpCut {
  const open = new Set<Socket<unknown>>();
  let listener: TCPSocketListener<{ upstream: Socket<unknown> | null; pending: Uint8Array[] }>;
  const listen = (port: number) =>
    Bun.listen<{ upstream: Socket<unknown> | null; pending: Uint8Array[] }>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          client.data = { upstream: null, pending: [] };
          open.add(client);
          void Bun.connect({
            ...target,
            socket: {
              open(upstream) {
                open.add(upstream);
                client.data.upstream = upstream;
                for (const chunk of client.data.pending) upstream.write(chunk);
                client.data.pending = [];
              },
              data(_upstream, chunk) {
                client.write(chunk);
              },
              close() {
                client.end();
              },
              error() {
                client.end();
              },
            },
          }).catch(() => client.end());
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
    stop: cut,
  };
}
