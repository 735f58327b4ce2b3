/**
 * The film and host of a room, from the backend's room record, or from the details
 * of its 403 answer when the user is not invited (whom to ask, and for what).
 */
import type { RoomView as RoomInfo } from '@kino/shared/http/rooms';
import type { RoomFacts } from '../ui/room-model';

export const NO_FACTS: RoomFacts = { filmTitle: null, ownerName: null };

export function factsFromInfo(info: RoomInfo | null): RoomFacts {
  return info ? { filmTitle: info.filmTitle, ownerName: info.owner.name } : NO_FACTS;
}

/** `details` of a 403 room_forbidden: `{ owner: { id, name }, filmTitle }`; anything else is nothing. */
export function factsFromRefusal(details: unknown): RoomFacts {
  if (typeof details !== 'object' || details === null) return NO_FACTS;
  const { owner, filmTitle } = details as { owner?: unknown; filmTitle?: unknown };
  const name =
    typeof owner === 'object' && owner !== null && 'name' in owner ? owner.name : undefined;
  return {
    filmTitle: typeof filmTitle === 'string' && filmTitle ? filmTitle : null,
    ownerName: typeof name === 'string' && name ? name : null,
  };
}
