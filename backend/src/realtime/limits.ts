/**
 * Every number the hub enforces, in one place (documented in README.md).
 * Rate limits and the abuse window are pure policy and live in @kino/shared/room.
 */

export { MAX_FRAME_BYTES } from '@kino/shared/protocol/parse';
export { ABUSE_POLICY } from '@kino/shared/room/abuse';
export { RATE_LIMITS } from '@kino/shared/room/rate-limit';

/** A connection must send `hello` within this time. */
export const HELLO_TIMEOUT_MS = 5_000;
/** A joined connection that sent nothing (not even a ping) for this long is dropped. */
export const IDLE_TIMEOUT_MS = 30_000;
/** How often the hub checks the two deadlines above. */
export const SWEEP_INTERVAL_MS = 1_000;
/**
 * Frames above this are cut off by Bun itself (close 1009). Between MAX_FRAME_BYTES and this,
 * the hub answers `too_large` and the connection goes on.
 */
export const TRANSPORT_MAX_PAYLOAD_BYTES = 256 * 1024;
/** Chat messages in the welcome snapshot, and the most a reconnect catch-up returns. */
export const WELCOME_CHAT_PAGE = 50;
export const CATCH_UP_MAX = 1_000;

/** WebSocket close codes the hub uses (4000–4999 are free for applications). */
export const CLOSE = {
  left: 1000,
  internalError: 1011,
  serviceRestart: 1012,
  idle: 4000,
  helloTimeout: 4001,
  versionMismatch: 4002,
  denied: 4003,
  roomClosed: 4004,
  abuse: 4008,
} as const;
