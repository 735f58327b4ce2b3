/** A chat line with the given cursor, for the specs of the chat feed and the room fanout. */
import type { ChatMessage } from '@kino/shared/types';

export const chatLine = (cursor: number): ChatMessage => ({
  id: `line-${String(cursor).padStart(4, '0')}`,
  cursor,
  kind: 'text',
  userId: 'anna',
  name: 'Anna',
  text: `#${cursor}`,
  at: cursor,
  position: 0,
});
