/**
 * @kino/shared: code used by the backend and the extension. Import the part you need:
 * `@kino/shared/types` (domain types), `@kino/shared/protocol` (realtime messages and
 * their validation, see shared/PROTOCOL.md), `@kino/shared/http/rooms` (the HTTP API's
 * schemas), `@kino/shared/sync` (pure playback sync core), `@kino/shared/room/<rule>` (pure
 * room rules, one module each: permissions, playback-commands, buffering, …).
 */

export { PROTOCOL_VERSION } from './protocol/version.ts';
export type * from './types.ts';
