/**
 * `bun run bench:reactions` — what the reaction timeline costs on a full room, on a real
 * Postgres: a 2-hour film with MAX_ROOM_REACTIONS reactions (plus 50 other busy rooms in the
 * same table), measured in one run against the naive baseline of sending the client every
 * reaction of the room. Reports medians and the ratios; results in
 * scripts/bench/results/reactions.md. (Here, not in scripts/: it runs the backend's own queries.)
 *   flock /tmp/kino-bench.lock bun run bench:reactions
 */
import { writeFileSync } from 'node:fs';
import { jsonBytes, REACTIONS } from '@kino/shared/protocol';
import { MAX_ROOM_REACTIONS } from '@kino/shared/reactions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import { seededRandom } from '@kino/shared/seeded-random';
import { createTestDatabase } from '@kino/test-support/postgres';
import { and, eq, sql } from 'drizzle-orm';
import { openPostgres } from '../src/db/index.ts';
import { roomChat, roomLive, rooms } from '../src/db/schema.ts';
import { reactionHistogram, reactionWindow } from '../src/reactions/service.ts';
import { liveRowOf } from '../src/schedule/live-row.ts';

const FILM_SEC = 7200;
const OTHER_ROOMS = 50;
const RUNS = 30;

const database = await createTestDatabase();
const handle = await openPostgres(database.url);
const { db } = handle;
try {
  const random = seededRandom(14);
  const now = new Date();
  const roomIds = Array.from({ length: OTHER_ROOMS + 1 }, (_, i) => `bench-room-${i}`);
  await db.insert(rooms).values(
    roomIds.map((id) => ({
      id,
      filmId: 'night-train',
      filmTitle: 'Ночной поезд',
      filmUrl: 'http://localhost:3000/films/night-train',
      ownerId: 'anna',
      ownerName: 'Анна',
      createdAt: now,
      lastActivityAt: now,
    })),
  );
  // Chat belongs to a room's record (room_chat → room_live): each room gets one first.
  await db
    .insert(roomLive)
    .values(roomIds.map((id) => liveRowOf(id, initialPlayback(now.getTime()))));
  const seed = async (roomId: string, count: number) => {
    for (let start = 0; start < count; start += 2000) {
      await db.insert(roomChat).values(
        Array.from({ length: Math.min(2000, count - start) }, (_, i) => ({
          roomId,
          cursor: start + i + 1,
          id: `r_${roomId}_${start + i}`,
          kind: i % 7 === 0 ? 'text' : 'reaction',
          userId: `u${i % 20}`,
          name: `Зритель ${i % 20}`,
          text: REACTIONS[Math.floor(random() * REACTIONS.length)] as string,
          at: now.getTime(),
          position: Math.round(random() * FILM_SEC * 10) / 10,
        })),
      );
    }
  };
  const full = roomIds[0] as string;
  await seed(full, Math.round(MAX_ROOM_REACTIONS * (8 / 7)));
  for (const id of roomIds.slice(1)) await seed(id, 3000);
  await db.execute(sql`ANALYZE room_chat`);

  const time = async <T>(run: () => Promise<T>) => {
    const samples: number[] = [];
    let last: T | undefined;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await run();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return { ms: samples[Math.floor(RUNS / 2)] as number, bytes: jsonBytes(last) };
  };
  const naive = await time(() =>
    db
      .select()
      .from(roomChat)
      .where(and(eq(roomChat.roomId, full), eq(roomChat.kind, 'reaction'))),
  );
  const histogram = await time(() => reactionHistogram(db, full, FILM_SEC));
  const window = await time(() => reactionWindow(db, full, { from: 3590, to: 3720, limit: 100 }));
  const row = (name: string, r: { ms: number; bytes: number }) =>
    `| ${name} | ${r.ms.toFixed(2)} | ${(naive.ms / r.ms).toFixed(1)}× | ${r.bytes.toLocaleString('en-US')} | ${(naive.bytes / r.bytes).toFixed(0)}× |`;
  const table = [
    `Reaction timeline on Postgres: one room with ${MAX_ROOM_REACTIONS.toLocaleString('en-US')} reactions over a 2-hour film among ${OTHER_ROOMS} other rooms; median of ${RUNS} runs (${new Date().toISOString()}).`,
    '',
    '| query | median ms | faster than all | answer bytes | smaller than all |',
    '| --- | --- | --- | --- | --- |',
    row('all reactions of the room (baseline)', naive),
    row('histogram, 120 bins', histogram),
    row('window page, 100 reactions', window),
  ].join('\n');
  console.log(table);
  writeFileSync(new URL('../../scripts/bench/results/reactions.md', import.meta.url), `${table}\n`);
} finally {
  await handle.close();
  await database.drop();
}
process.exit(0);
