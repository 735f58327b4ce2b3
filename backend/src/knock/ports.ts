/** What the realtime hub needs for knocks and revocations, built from the app's dependencies. */
import type { KnockRequest } from '@kino/shared/protocol';
import type { AppDeps } from '../deps.ts';
import { listPending, storeAnswer, storeRevocation } from './store.ts';

export interface KnockPorts {
  /** The room's pending requests, oldest first (the owner's `knocks`). */
  pending(roomId: string): Promise<KnockRequest[]>;
  /** The owner's answer; 'gone' when nothing is pending from that user. */
  answer(roomId: string, userId: string, approve: boolean): Promise<'ok' | 'gone'>;
  /** Records that the owner (`by`) took `userId` out of the room. */
  revoke(roomId: string, userId: string, by: string): Promise<void>;
}

export function knockPorts(deps: Pick<AppDeps, 'db' | 'clock'>): KnockPorts {
  return {
    pending: (roomId) => listPending(deps.db, roomId, deps.clock()),
    answer: (roomId, userId, approve) =>
      storeAnswer(deps.db, roomId, userId, approve, deps.clock()),
    revoke: (roomId, userId, by) => storeRevocation(deps.db, roomId, userId, by, deps.clock()),
  };
}
