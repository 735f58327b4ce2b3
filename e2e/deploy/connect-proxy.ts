/**
 * A tiny HTTP CONNECT proxy that sends the test hosts to the balancer: Firefox has no
 * host-resolver rules like Chromium's, but it can be told to use a proxy, and through
 * CONNECT it still speaks TLS end to end with the balancer (the proxy sees bytes only).
 * Anything but `<test host>:443` is refused, so the browser reaches nothing else.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  stop(): Promise<void>;
}

export async function startConnectProxy(hosts: string[], httpsPort: number): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 8192) client.destroy();
        return;
      }
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split(' ');
      const [host, port] = (target ?? '').split(':');
      if (method !== 'CONNECT' || port !== '443' || !hosts.includes(host ?? '')) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = connect(httpsPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
