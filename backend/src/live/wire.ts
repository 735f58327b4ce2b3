import type { Participant } from '@kino/shared/types';
import type { LiveParticipant } from './types.ts';

/** The entry as the wire shows it: without the server-only fields. */
export function wireParticipant(entry: LiveParticipant): Participant {
  const { userId, name, connectionId, instanceId, joinedAt, buffering, player } = entry;
  return {
    userId,
    name,
    connectionId,
    instanceId,
    joinedAt,
    buffering,
    ...(player ? { player } : {}),
  };
}
