/**
 * Every number the hub enforces, in one place (documented in README.md).
 * Rate limits, the abuse window, room capacity and buffering holds are pure policy and live in
 * @kino/shared/room; frame sizes in @kino/shared/protocol.
 */
import { MAX_CLIENT_FRAME_BYTES } from '@kino/shared/protocol/frame-budget';

export { MAX_CLIENT_FRAME_BYTES, MAX_SERVER_FRAME_BYTES } from '@kino/shared/protocol/frame-budget';
export { MAX_FRAME_BYTES } from '@kino/shared/protocol/parse';
export { ABUSE_POLICY } from '@kino/shared/room/abuse';
export { BUFFER_HOLD_POLICY } from '@kino/shared/room/buffering';
export { ROOM_CAPACITY } from '@kino/shared/room/presence';
export { RATE_LIMITS } from '@kino/shared/room/rate-limit';

/** A connection must send `hello` within this time. */
export const HELLO_TIMEOUT_MS = 5_000;
/** A joined connection that sent nothing (not even a ping) for this long is dropped. */
export const IDLE_TIMEOUT_MS = 30_000;
/** How often the hub checks the two deadlines above (and buffering holds that ran out). */
export const SWEEP_INTERVAL_MS = 1_000;
/**
 * Bun cuts off frames above this (close 1009) before anything reads them: the same limit
 * as the protocol's, so no frame the protocol refuses is ever buffered, let alone parsed.
 */
export const TRANSPORT_MAX_PAYLOAD_BYTES = MAX_CLIENT_FRAME_BYTES;
/** Pings a connection may send before its `hello`; past that every frame is a violation. */
export const PRE_HELLO_PINGS = 5;
/**
 * Frames of one connection waiting to be handled (a slow store). Past this, frames are
 * answered `unavailable` at once: memory per connection stays bounded in any outage.
 */
export const MAX_QUEUED_FRAMES = 64;
/** How long the shared (cross-instance) rate bucket may take before this instance's decides. */
export const SHARED_BUDGET_WAIT_MS = 250;
/** Chat lines in the welcome without `lastCursor`, and the most a catch-up page holds. */
export const WELCOME_CHAT_PAGE = 50;
export const CATCH_UP_PAGE = 100;
/**
 * How long a chat line that arrived ahead of its turn waits for the ones before it (out of
 * order across instances) before the feed fetches them from the record.
 */
export const FEED_FILL_AFTER_MS = 250;
/** Lines fetched per round when a feed fills a gap or catches up after the bus was away. */
export const FEED_FILL_PAGE = 200;

/** WebSocket close codes the hub uses (4000–4999 are free for applications). */
export const CLOSE = {
  left: 1000,
  internalError: 1011,
  serviceRestart: 1012,
  /** A dependency is down (database, Redis): reconnect with backoff. */
  tryAgainLater: 1013,
  idle: 4000,
  helloTimeout: 4001,
  versionMismatch: 4002,
  denied: 4003,
  roomClosed: 4004,
  abuse: 4008,
  /** The room is full, or this user has too many tabs in it. */
  full: 4009,
  /** The same tab connected again (after a network change, on another instance). */
  replaced: 4010,
} as const;
