/**
 * `GET /ws`: the Elysia controller of the realtime hub. It only wires Bun's WebSocket to the
 * Hub (see hub.ts); every decision lives in the hub's handlers and @kino/shared/room.
 *
 * Mount with `.use(realtime(deps))`, and give the app `websocket: { maxPayloadLength:
 * TRANSPORT_MAX_PAYLOAD_BYTES }`. For a graceful shutdown call
 * `app.decorator.realtimeHub.stop()` before `app.stop()`: clients get 1012 and reconnect.
 */
import type { RawFrame } from '@kino/shared/protocol';
import { Elysia } from 'elysia';
import type { AppDeps } from '../deps.ts';
import { realtimePorts } from './deps-ports.ts';
import { Hub } from './hub.ts';
import type { BackendPorts, HubSocket } from './ports.ts';

export { realtimePorts } from './deps-ports.ts';
export { Hub } from './hub.ts';
export { CLOSE, TRANSPORT_MAX_PAYLOAD_BYTES } from './limits.ts';
export type { BackendPorts, HubSocket, RealtimePorts } from './ports.ts';

/** Bun's own socket, as Elysia hands it over in `ws.raw`. */
interface BunSocket {
  sendText(data: string): unknown;
  subscribe(topic: string): unknown;
  unsubscribe(topic: string): unknown;
  /** Elysia keeps its per-connection handlers here; Bun's message event calls `data.message`. */
  data: object;
}

interface ElysiaSocketData {
  message?: (ws: unknown, message: RawFrame) => unknown;
}

interface WsLike {
  readonly id: string;
  readonly raw: BunSocket;
  close(code?: number, reason?: string): unknown;
}

const socketOf = (ws: WsLike): HubSocket => {
  const raw = ws.raw;
  return {
    id: ws.id,
    // Elysia's `send` wrapper re-checks every frame; ours are final text.
    send: (text) => void raw.sendText(text),
    subscribe: (channel) => void raw.subscribe(channel),
    unsubscribe: (channel) => void raw.unsubscribe(channel),
    close: (code, reason) => void ws.close(code, reason),
  };
};

/**
 * Elysia JSON-parses a text frame that looks like JSON before any hook sees it, and a deeply
 * nested frame then stalls the whole process (or a JSON string literal turns into a message).
 * So the hub takes frames from Bun's message event itself: the socket's handler is replaced
 * as it opens, before any frame can arrive, and frames reach the protocol parser as sent.
 */
function takeRawFrames(ws: WsLike, onFrame: (frame: RawFrame) => void): void {
  (ws.raw.data as ElysiaSocketData).message = (_socket, frame) => onFrame(frame);
}

/** Bun's server, as far as the hub's channels need it. */
interface TopicServer {
  publish(topic: string, data: string): unknown;
}

export function realtimeWith(ports: BackendPorts) {
  // Sockets exist only once the server listens, and so does the server to publish through.
  let server: TopicServer | null = null;
  const hub = new Hub({
    ...ports,
    publishToChannel: (channel, text) => void server?.publish(channel, text),
  });
  return new Elysia({ name: 'realtime', seed: ports.instanceId })
    .decorate('realtimeHub', hub)
    .onStart(({ server: listening }) => {
      server = listening;
      void hub.start();
    })
    .onStop(() => hub.stop())
    .ws('/ws', {
      open: (ws) => {
        takeRawFrames(ws, (frame) => hub.message(ws.id, frame));
        hub.open(socketOf(ws));
      },
      // Never called: takeRawFrames hands every frame to the hub.
      message: () => {},
      close: (ws) => hub.closed(ws.id),
    });
}

export function realtime(deps: AppDeps) {
  return realtimeWith(realtimePorts(deps));
}
