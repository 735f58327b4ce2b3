/**
 * Baseline "the limit": a bare Bun WebSocket relay. No validation, no storage, no auth:
 * each frame goes to the other members of its room (Bun's pub/sub skips the sender).
 * Run as a child process: prints `READY <port>`, stops on SIGTERM.
 */
const server = Bun.serve<{ room: string }>({
  hostname: '127.0.0.1',
  port: 0,
  fetch(request, srv) {
    const room = new URL(request.url).searchParams.get('room');
    if (!room) return new Response('room missing', { status: 400 });
    if (srv.upgrade(request, { data: { room } })) return undefined;
    return new Response('websocket expected', { status: 426 });
  },
  websocket: {
    open(ws) {
      ws.subscribe(ws.data.room);
    },
    message(ws, message) {
      ws.publish(ws.data.room, message);
    },
  },
});

console.log(`READY ${server.port}`);
process.once('SIGTERM', () => {
  server.stop(true);
  process.exit(0);
});
