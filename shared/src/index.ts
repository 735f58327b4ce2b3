/**
 * @kino/shared: code used by the backend and the extension. Import the part you need:
 * `@kino/shared/types` (domain types), `@kino/shared/protocol` (realtime messages and
 * their validation, see shared/PROTOCOL.md), `@kino/shared/sync` (pure playback sync core),
 * `@kino/shared/room` (pure room rules).
 */

export { PROTOCOL_VERSION } from './protocol/version.ts';
export type * from './types.ts';
