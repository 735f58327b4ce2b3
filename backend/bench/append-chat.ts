/**
 * `bun backend/bench/append-chat.ts` — what one chat line costs Postgres in kino_append_chat
 * (backend/src/record/chat-append.ts), on real Postgres databases of its own: batches shaped
 * like bench:load's saturation phase (a thousand rooms, each batch one line in each of many
 * rooms, CHAT_BATCHES_IN_FLIGHT batches at once), measured as the CPU of the database backends
 * that ran them (their /proc stat, so Postgres must run on this machine) per line, plus WAL
 * records and bytes per line from EXPLAIN (ANALYZE, WAL) of one batch, and the share of
 * room_live's updates that were HOT. A room's first line (which makes its record) is warm-up.
 *
 * Variants: each `--apply file.sql` gets a database of its own with that SQL run after the
 * migrations (`--apply -` is the migrations alone), and the variants take turns, a round of
 * lines each, so a busy moment of a shared machine falls on all of them alike.
 *   flock /tmp/kino-bench.lock bun backend/bench/append-chat.ts [--lines N] [--batch N]
 *     [--rooms N] [--rounds N] [--reactions SHARE] [--touch-ms MS] [--apply - --apply v.sql]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import { seededRandom } from '@kino/shared/seeded-random';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { type DbHandle, openPostgres } from '../src/db/index.ts';
import { rooms } from '../src/db/schema.ts';
import {
  CHAT_BATCHES_IN_FLIGHT,
  type ChatAppendRequest,
  chatColumnsOf,
} from '../src/record/chat-append.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '40000' },
    batch: { type: 'string', default: '100' },
    rooms: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '8' },
    reactions: { type: 'string', default: '0' },
    /** Every this many ms, every room's idle clock is touched (the hub's heartbeat, room-sync.ts). */
    'touch-ms': { type: 'string', default: '0' },
    apply: { type: 'string', multiple: true, default: ['-'] },
    /** Calls as a named prepared statement (parsed and planned once per connection). */
    named: { type: 'boolean', default: false },
  },
});
const LINES = Number(values.lines);
const BATCH = Number(values.batch);
const ROOMS = Number(values.rooms);
const ROUNDS = Number(values.rounds);
/** Share of lines that are reactions (bench:load sends text only). */
const REACTION_SHARE = Number(values.reactions);
const TOUCH_MS = Number(values['touch-ms']);
const SQL_TEXT =
  'SELECT ord, line_cursor, stored FROM kino_append_chat($1::text[], $2::text[], $3::text[], ' +
  '$4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text, $10, false)';
/** The call before migration 0009 (bench/append-chat-0008.sql): one jsonb object per line. */
const SQL_TEXT_0008 = 'SELECT ord, line_cursor, stored FROM kino_append_chat($1::jsonb, $2)';
const MAX_REACTIONS = 5_000;
const TICK_MS = 1000 / 100; // USER_HZ

/** A batch's call, as the appender makes it (or as it did before migration 0009). */
function callOf(batch: ChatAppendRequest[], before0009: boolean) {
  if (!before0009) {
    const { columns: c } = chatColumnsOf(batch);
    const lines = [c.rooms, c.ids, c.kinds, c.userIds, c.names, c.texts, c.ats, c.positions];
    return { text: SQL_TEXT, values: [...lines, c.initials, MAX_REACTIONS] };
  }
  const lines = batch.map(({ roomId, message, initial: { playback, settings } }, ord) => ({
    ord,
    roomId,
    ...message,
    playing: playback.playing,
    playbackPosition: playback.position,
    playbackAt: playback.at,
    rate: playback.rate,
    seq: playback.seq,
    controlMode: settings.controlMode,
    bufferPolicy: settings.bufferPolicy,
    buffering: NO_BUFFERING,
  }));
  return { text: SQL_TEXT_0008, values: [JSON.stringify(lines), MAX_REACTIONS] };
}

/** One call of the function, as the appender makes it (or prepared, with --named). */
const call = (variant: Variant, client: Client, batch: ChatAppendRequest[]) =>
  client.query({
    ...(values.named ? { name: 'kino_append_chat' } : {}),
    ...callOf(batch, variant.before0009),
  });

const random = seededRandom(15);
const roomIds = Array.from({ length: ROOMS }, (_, i) => `bench-room-${String(i).padStart(4, '0')}`);
const initial = {
  playback: { playing: false, position: 0, at: 1_700_000_000_000, rate: 1, seq: 0 },
  settings: { controlMode: 'everyone' as const, bufferPolicy: 'wait' as const },
};
let serial = 0;

/** `size` different rooms at random (a partial Fisher–Yates shuffle). */
function pick(size: number): string[] {
  const pool = [...roomIds];
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, size);
}

/** One batch: a line in each of `size` different rooms, as bench:load's saturation sends them. */
function batchOf(size: number, roomsOf?: string[]): ChatAppendRequest[] {
  return (roomsOf ?? pick(size)).map((roomId) => {
    const n = serial++;
    const reaction = random() < REACTION_SHARE;
    return {
      roomId,
      message: {
        id: `c${n.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`,
        kind: reaction ? 'reaction' : 'text',
        userId: `u${n % 5000}`,
        name: `Зритель ${n % 5000}`,
        text: reaction ? '🔥' : `Смотрите, какой кадр! #${n}`,
        at: 1_700_000_000_000 + n,
        position: (n % 7200) + 0.5,
      },
      initial,
    };
  });
}

function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function liveUpdates(client: Client) {
  const { rows } = await client.query(
    `SELECT n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables
     WHERE relname = 'room_live'`,
  );
  return rows[0] as { upd: number; hot: number };
}

interface Variant {
  name: string;
  database: TestDatabase;
  handle: DbHandle;
  clients: Client[];
  pids: number[];
  cpuMs: number;
  lines: number;
  /** Its kino_append_chat is the one before migration 0009 (bench/append-chat-0008.sql). */
  before0009: boolean;
}

async function openVariant(name: string): Promise<Variant> {
  const database = await createTestDatabase();
  const handle = await openPostgres(database.url);
  const variant: Variant = {
    name,
    database,
    handle,
    clients: [],
    pids: [],
    cpuMs: 0,
    lines: 0,
    before0009: false,
  };
  if (name !== '-') await handle.db.execute(sql.raw(readFileSync(name, 'utf8')));
  const now = new Date();
  await handle.db.insert(rooms).values(
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
  for (let i = 0; i < CHAT_BATCHES_IN_FLIGHT; i++) {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    variant.clients.push(client);
    variant.pids.push((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  }
  const first = variant.clients[0] as Client;
  // 0009 keeps the jsonb function for a rolling deploy: a variant is "before" when the array
  // function is missing (bench/append-chat-0008.sql drops it).
  const found = await first.query(
    `SELECT to_regprocedure('kino_append_chat(text[], text[], text[], text[], text[], text[],
      double precision[], double precision[], text, integer, boolean)') IS NULL AS old`,
  );
  variant.before0009 = found.rows[0].old;
  // Warm-up: every room's first line (its record), and the function's plans cached everywhere.
  for (let i = 0; i < ROOMS; i += BATCH) {
    await call(variant, first, batchOf(0, roomIds.slice(i, i + BATCH)));
  }
  for (const c of variant.clients) await call(variant, c, batchOf(BATCH));
  return variant;
}

/** One round of the variant: `batches` batches, CHAT_BATCHES_IN_FLIGHT at a time. */
async function round(variant: Variant, batches: number): Promise<void> {
  let next = 0;
  let touching = TOUCH_MS > 0;
  const toucher = (async () => {
    const client = variant.clients[0] as Client;
    while (touching) {
      await client.query('UPDATE rooms SET last_activity_at = now() WHERE id = ANY($1)', [roomIds]);
      await Bun.sleep(TOUCH_MS);
    }
  })();
  const cpu0 = variant.pids.map(cpuMsOf);
  await Promise.all(
    variant.clients.map(async (client) => {
      while (next < batches) {
        next++;
        await call(variant, client, batchOf(BATCH));
      }
    }),
  );
  touching = false;
  await toucher;
  variant.cpuMs += variant.pids.reduce(
    (sum, pid, i) => sum + cpuMsOf(pid) - (cpu0[i] as number),
    0,
  );
  variant.lines += batches * BATCH;
}

async function report(variant: Variant, updates0: { upd: number; hot: number }): Promise<void> {
  const first = variant.clients[0] as Client;
  await Bun.sleep(600); // the backends report their table counters at most every 500 ms
  const updates1 = await liveUpdates(first);
  const { text, values: args } = callOf(batchOf(BATCH), variant.before0009);
  const explained = await first.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) ${text}`, args);
  const plan = explained.rows[0]['QUERY PLAN'][0].Plan;
  const per = (n: number) => (n / BATCH).toFixed(2);
  const hot = (100 * (updates1.hot - updates0.hot)) / (updates1.upd - updates0.upd);
  console.log(
    `${variant.name}: ${((variant.cpuMs * 1000) / variant.lines).toFixed(1)} µs of Postgres CPU ` +
      `per line; per line ${per(plan['WAL Records'])} WAL records, ${per(plan['WAL Bytes'])} WAL ` +
      `bytes, ${per(plan['Shared Hit Blocks'])} buffer hits; room_live updates HOT ${hot.toFixed(0)}%`,
  );
}

const variants: Variant[] = [];
try {
  for (const name of values.apply) variants.push(await openVariant(name));
  const updates0 = await Promise.all(variants.map((v) => liveUpdates(v.clients[0] as Client)));
  const perRound = Math.max(1, Math.round(LINES / ROUNDS / BATCH));
  for (let r = 0; r < ROUNDS; r++) {
    // Each round in another order, so no variant always runs right after another.
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) await round(variant, perRound);
  }
  console.log(
    `${perRound * ROUNDS * BATCH} lines per variant in ${ROUNDS} rounds, batches of ${BATCH} over ` +
      `${ROOMS} rooms, ${CHAT_BATCHES_IN_FLIGHT} in flight, reactions ${REACTION_SHARE}, ` +
      `touch every ${TOUCH_MS || '∞'} ms`,
  );
  for (const [i, variant] of variants.entries()) {
    await report(variant, updates0[i] as { upd: number; hot: number });
  }
} finally {
  for (const variant of variants) {
    await Promise.all(variant.clients.map((c) => c.end()));
    await variant.handle.close();
    await variant.database.drop();
  }
}
