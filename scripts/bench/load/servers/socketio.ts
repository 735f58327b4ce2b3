/**
 * Baseline "what most watch-party projects use": a socket.io 4.8 relay on Node. The
 * client names its room in the handshake; every `m` event goes to the room's other
 * members (`socket.to(room).emit`). Bundled for Node by load.ts and run with `node`.
 * Prints `READY <port>`, stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });

io.on('connection', (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room !== 'string' || room === '') {
    socket.disconnect(true);
    return;
  }
  void socket.join(room);
  socket.on('m', (frame: unknown) => {
    socket.to(room).emit('m', frame);
  });
});

http.listen(0, '127.0.0.1', () => {
  console.log(`READY ${(http.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
