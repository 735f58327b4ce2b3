/**
 * The room's socket: reconnecting-websocket with our backoff (0.5 s growing ×1.6 up to 10 s,
 * 5 s to connect) and nothing queued while closed — nothing may go out before `hello`, and
 * what matters (pending chat) is resent by the connection itself.
 */
import ReconnectingWebSocket from 'reconnecting-websocket';

/** The part of the WebSocket constructor reconnecting-websocket needs (swapped in tests). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export function openRoomSocket(url: string, impl?: WebSocketConstructor): ReconnectingWebSocket {
  return new ReconnectingWebSocket(url, [], {
    WebSocket: impl ?? globalThis.WebSocket,
    minReconnectionDelay: 500,
    maxReconnectionDelay: 10_000,
    reconnectionDelayGrowFactor: 1.6,
    connectionTimeout: 5000,
    maxEnqueuedMessages: 0,
  });
}
