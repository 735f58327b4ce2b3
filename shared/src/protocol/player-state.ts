/**
 * Whether a member's player follows the room (added within v1). A member whose page shows
 * an ad in the film's `<video>`, or on which the extension found no video at all, is not at
 * a film position: the client says so with `player`, and presence shows it to everyone
 * (`Participant.player`). An ad also counts as a stall for the buffering policy (the client
 * reports `buffering` for it as well); a missing player holds nobody.
 */
import { Type } from '@sinclair/typebox';

/** What a client reports: following the room, in an ad, or no video found. */
export const PLAYER_STATES = ['attached', 'ad', 'none'] as const;
export type PlayerState = (typeof PLAYER_STATES)[number];

/** What presence shows; a member whose player follows the room has no `player` field. */
export const SHOWN_PLAYER_STATES = ['ad', 'none'] as const;
export type ShownPlayerState = (typeof SHOWN_PLAYER_STATES)[number];

// Spelled out (not mapped from the lists): the literal types must survive into the schemas'
// static types, which Elysia checks handlers' answers against.
export const PlayerStateSchema = Type.Union([
  Type.Literal('attached'),
  Type.Literal('ad'),
  Type.Literal('none'),
]);
export const ShownPlayerStateSchema = Type.Union([Type.Literal('ad'), Type.Literal('none')]);

/** A person's state from their tabs: following if any tab follows, else in an ad if any is. */
export function personPlayerState(
  tabs: readonly (ShownPlayerState | undefined)[],
): ShownPlayerState | undefined {
  if (tabs.some((state) => state === undefined)) return undefined;
  return tabs.includes('ad') ? 'ad' : tabs.length > 0 ? 'none' : undefined;
}
