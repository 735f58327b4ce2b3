/**
 * The parts of the backend's room JSON (ARCHITECTURE.md "Room JSON") the extension
 * uses, with a guard: a response that lacks them is an error, not a crash later.
 */
export interface PersonRef {
  id: string;
  name: string;
}

export interface RoomInfo {
  id: string;
  filmId: string;
  filmTitle: string;
  filmUrl: string;
  ownerId: string;
  owner: PersonRef;
  invitees: PersonRef[];
  allowLinkJoin: boolean;
  joinUrl: string;
  closedAt: string | number | null;
  /** A scheduled screening's start (ISO), null when it started at creation. */
  startsAt: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPersonRef(value: unknown): value is PersonRef {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
}

export function parseRoomInfo(value: unknown): RoomInfo | null {
  if (!isRecord(value)) return null;
  const { id, filmId, filmUrl, ownerId, owner, joinUrl } = value;
  if (typeof id !== 'string' || typeof filmId !== 'string' || typeof filmUrl !== 'string') {
    return null;
  }
  if (typeof ownerId !== 'string' || typeof joinUrl !== 'string') return null;
  const invitees = Array.isArray(value.invitees) ? value.invitees.filter(isPersonRef) : [];
  const closedAt = value.closedAt;
  return {
    id,
    filmId,
    filmTitle: typeof value.filmTitle === 'string' ? value.filmTitle : filmId,
    filmUrl,
    ownerId,
    owner: isPersonRef(owner) ? owner : { id: ownerId, name: ownerId },
    invitees,
    allowLinkJoin: value.allowLinkJoin === true,
    joinUrl,
    closedAt: typeof closedAt === 'string' || typeof closedAt === 'number' ? closedAt : null,
    startsAt: typeof value.startsAt === 'string' ? value.startsAt : null,
  };
}

export function parseMatches(value: unknown): PersonRef[] | null {
  if (!isRecord(value) || !Array.isArray(value.matches)) return null;
  return value.matches.every(isPersonRef) ? value.matches : null;
}
