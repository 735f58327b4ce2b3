/**
 * Restarting open rooms' idle clocks (rooms.last_activity_at), the one way every writer of many
 * rooms at once does it — the heartbeat's touch of the occupied rooms (record/postgres.ts) and a
 * batch of joins and leaves (presence-log.ts). The rows are locked in id order before they
 * change: two such statements locking rows crosswise deadlock (Postgres then fails one of
 * them), and a plain `UPDATE … WHERE id IN (…)` locks in whatever order its plan scans (over a
 * few hundred of a thousand rooms, the table's). A clock only moves on: two writers may commit
 * in either order.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';

/** What runs statements: the database or a transaction of it. */
type Runner = Pick<Db, 'execute'>;

/** Each room's moment (ms since epoch); rooms that are closed or gone are left alone. */
export async function restartIdleClocks(
  db: Runner,
  clocks: ReadonlyArray<readonly [roomId: string, at: number]>,
): Promise<void> {
  if (clocks.length === 0) return;
  const rows = JSON.stringify(clocks.map(([id, at]) => ({ id, at })));
  await db.execute(sql`
    WITH clock AS (
      SELECT id, to_timestamp(at / 1000.0) AS at
      FROM jsonb_to_recordset(${rows}::jsonb) AS c(id text, at double precision)
    ), locked AS MATERIALIZED (
      SELECT r.id FROM rooms r JOIN clock ON clock.id = r.id
      WHERE r.closed_at IS NULL ORDER BY r.id FOR NO KEY UPDATE OF r
    )
    UPDATE rooms SET last_activity_at = greatest(rooms.last_activity_at, clock.at)
    FROM locked JOIN clock ON clock.id = locked.id
    WHERE rooms.id = locked.id`);
}
