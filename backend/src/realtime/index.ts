/**
 * `GET /ws`: the Elysia controller of the realtime hub. It only wires Bun's WebSocket to the
 * Hub (see hub.ts); every decision lives in the hub's handlers and @kino/shared/room.
 *
 * Mount with `.use(realtime(deps))`. For a graceful shutdown call
 * `app.decorator.realtimeHub.stop()` before `app.stop()`: clients get 1012 and reconnect.
 */
import type { RawFrame } from '@kino/shared/protocol';
import { Elysia } from 'elysia';
import type { AppDeps } from '../deps.ts';
import { realtimePorts } from './deps-ports.ts';
import { Hub } from './hub.ts';
import type { HubSocket, RealtimePorts } from './ports.ts';

export { realtimePorts } from './deps-ports.ts';
export { Hub } from './hub.ts';
export { CLOSE } from './limits.ts';
export type { HubSocket, RealtimePorts } from './ports.ts';

interface WsLike {
  readonly id: string;
  /** Bun's own socket: Elysia's `send` wrapper re-checks every frame, ours are final text. */
  readonly raw: { sendText(data: string): unknown };
  close(code?: number, reason?: string): unknown;
}

const socketOf = (ws: WsLike): HubSocket => {
  const raw = ws.raw;
  return {
    id: ws.id,
    send: (text) => void raw.sendText(text),
    close: (code, reason) => void ws.close(code, reason),
  };
};

/**
 * Elysia hands us text frames already JSON-parsed when they look like JSON. The protocol
 * parser validates raw frames, so objects go back to text (same content, and the size limit
 * then applies to the content); non-JSON text and binary frames pass through unchanged.
 */
export function toRawFrame(message: unknown): RawFrame {
  if (typeof message === 'string') return message;
  if (message instanceof Uint8Array || message instanceof ArrayBuffer) return message;
  return JSON.stringify(message) ?? '';
}

export function realtimeWith(ports: RealtimePorts) {
  const hub = new Hub(ports);
  return new Elysia({ name: 'realtime', seed: ports.instanceId })
    .decorate('realtimeHub', hub)
    .onStart(() => {
      void hub.start();
    })
    .onStop(() => hub.stop())
    .ws('/ws', {
      open: (ws) => hub.open(socketOf(ws)),
      message: (ws, message) => hub.message(ws.id, toRawFrame(message)),
      close: (ws) => hub.closed(ws.id),
    });
}

export function realtime(deps: AppDeps) {
  return realtimeWith(realtimePorts(deps));
}
