/** Pending reminders of a room, dropped when it moves, is cancelled or closes in any way. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { mailQueue } from '../db/schema.ts';

export async function dropPendingReminders(db: Pick<Db, 'delete'>, roomId: string): Promise<void> {
  await db
    .delete(mailQueue)
    .where(
      and(
        eq(mailQueue.roomId, roomId),
        eq(mailQueue.kind, 'reminder'),
        eq(mailQueue.status, 'pending'),
      ),
    );
}
