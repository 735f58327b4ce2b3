/**
 * A TCP forwarder in front of a service (Redis, Postgres) that a test can break and mend, to
 * play a dependency that goes away and comes back without touching the one other tests share:
 *  - cut(): connections are reset and new ones refused (a crash or a restart);
 *  - stall(): connections stay open but nothing gets through, new ones hang unanswered
 *    (a network partition); restore() then lets the held bytes through, like TCP
 *    retransmission after the partition heals.
 */
import type { Socket, TCPSocketListener } from 'bun';

export interface TcpCut {
  port: number;
  /** Closes the listener and every forwarded connection. */
  cut(): void;
  /** Holds every byte in both directions until restore(); the sockets stay open. */
  stall(): void;
  /** Listens again on the same port (after cut) and lets held bytes through (after stall). */
  restore(): void;
  stop(): void;
}

interface Link {
  upstream: Socket<unknown> | null;
  /** Client → upstream bytes waiting for the upstream or for the end of a stall. */
  toUpstream: Uint8Array[];
  /** Upstream → client bytes held during a stall. */
  toClient: Uint8Array[];
}

export function tcpCut(target: { hostname: string; port: number }): TcpCut {
  const open = new Set<Socket<unknown>>();
  const links = new Set<{ client: Socket<Link>; link: Link }>();
  let stalled = false;
  let listener: TCPSocketListener<Link> | null;

  const flush = (client: Socket<Link>) => {
    const link = client.data;
    if (stalled) return;
    if (link.upstream) {
      for (const chunk of link.toUpstream) link.upstream.write(chunk);
      link.toUpstream = [];
    }
    for (const chunk of link.toClient) client.write(chunk);
    link.toClient = [];
  };

  const listen = (port: number) =>
    Bun.listen<Link>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          client.data = { upstream: null, toUpstream: [], toClient: [] };
          open.add(client);
          const entry = { client, link: client.data };
          links.add(entry);
          void Bun.connect({
            ...target,
            socket: {
              open(upstream) {
                open.add(upstream);
                client.data.upstream = upstream;
                flush(client);
              },
              data(_upstream, chunk) {
                client.data.toClient.push(new Uint8Array(chunk));
                flush(client);
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
          client.data.toUpstream.push(new Uint8Array(chunk));
          flush(client);
        },
        close(client) {
          client.data.upstream?.end();
          open.delete(client);
          for (const entry of links) if (entry.client === client) links.delete(entry);
        },
      },
    });
  listener = listen(0);
  const port = listener.port;
  const cut = () => {
    stalled = false;
    listener?.stop(true);
    listener = null;
    for (const socket of open) socket.terminate();
    open.clear();
    links.clear();
  };
  return {
    port,
    cut,
    stall() {
      stalled = true;
    },
    restore() {
      stalled = false;
      if (!listener) listener = listen(port);
      for (const { client } of links) flush(client);
    },
    stop: cut,
  };
}
