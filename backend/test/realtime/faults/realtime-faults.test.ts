/**
 * The realtime fault suite: two backend processes on a Postgres database of their own and a
 * redis-server of their own (no persistence), behind a TCP balancer; members on the
 * extension's own connection code chat all the time while Redis is killed and restarted empty
 * (a third instance that serves nobody sweeps it before the others are back: the room must
 * not look idle), the links to Redis are cut, and an instance is SIGKILLed. Each scenario
 * reports lines lost, lines doubled, and the time until every member has every line again.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import {
  DEAD_AFTER_MS,
  HEARTBEAT_EVERY_MS,
  MIN_ROOM_IDLE_TTL_SECONDS,
} from '../../../src/realtime/liveness.ts';
import { type ChildBackend, startChildBackend } from '../../support/child-backend.ts';
import { type TcpCut, tcpCut } from '../../support/tcp-cut.ts';
import { tokenFor } from '../servers.support.ts';
import { chatter, type Figures, figuresOf, Member, recovery } from './members.ts';
import { OwnRedis, tcpBalancer } from './processes.ts';

const hasRedisServer = Bun.which('redis-server') !== null;
/** Short enough that an occupied room would expire during the scenarios if it could (the least allowed). */
const IDLE_TTL_SECONDS = MIN_ROOM_IDLE_TTL_SECONDS;

const report: Record<string, Figures> = {};
/** When every member's list of people was whole again (ms after the dependency returned). */
const presenceReport: Record<string, number> = {};

describe.skipIf(!hasPostgres || !hasRedisServer)('realtime faults', () => {
  let cinema: RunningCinema;
  let database: TestDatabase;
  let redis: OwnRedis;
  let redisLink: TcpCut;
  let a: ChildBackend;
  let b: ChildBackend;
  /** Serves nobody (not behind the balancer): its sweeper reads Redis straight, not via the link. */
  let sweeper: ChildBackend;
  let balancer: { port: number; stop(): void };
  let members: Member[] = [];
  let roomId = '';
  const alive = new Set<ChildBackend>();

  const env = (instanceId: string) => ({
    DATABASE_URL: database.url,
    REDIS_URL: `redis://127.0.0.1:${redisLink.port}`,
    CINEMA_URL: cinema.url,
    INSTANCE_ID: instanceId,
    ROOM_IDLE_TTL_SECONDS: String(IDLE_TTL_SECONDS),
    ROOM_SWEEP_INTERVAL_SECONDS: '1',
  });

  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    database = await createTestDatabase();
    redis = await OwnRedis.start();
    redisLink = tcpCut({ hostname: '127.0.0.1', port: redis.port });
    a = await startChildBackend(env('fault-a'));
    b = await startChildBackend(env('fault-b'));
    sweeper = await startChildBackend({ ...env('fault-sweeper'), REDIS_URL: redis.url });
    alive.add(a).add(b);
    balancer = tcpBalancer(() => [...alive].map((backend) => backend.port));
    const anna = await tokenFor('anna', 'Anna');
    const response = await fetch(`http://127.0.0.1:${a.port}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris', 'vera', 'gleb'] }),
    });
    roomId = ((await response.json()) as { id: string }).id;
    const wsUrl = `ws://127.0.0.1:${balancer.port}/ws`;
    for (const [userId, name] of [
      ['anna', 'Anna'],
      ['boris', 'Борис'],
      ['vera', 'Вера'],
      ['gleb', 'Gleb'],
    ] as const) {
      members.push(await Member.join({ userId, name, wsUrl, roomId }));
    }
    // Owner-only control and a playing film: both must survive everything below.
    const owner = members[0]!.connection;
    owner.changeSettings({ controlMode: 'owner' });
    await Bun.sleep(200);
    owner.sendCommand({
      type: 'play',
      baseSeq: owner.view.value.playback?.seq ?? -1,
      position: 30,
    });
    await Bun.sleep(300);
  }, 60_000);

  afterAll(async () => {
    for (const member of members) member.leave();
    members = [];
    balancer?.stop();
    for (const backend of [a, b, sweeper]) await backend?.kill('SIGTERM');
    if (process.env.FAULT_DEBUG) for (const backend of [a, b]) console.log(backend?.log());
    redisLink?.stop();
    await redis?.kill();
    await cinema?.stop();
    await database?.drop();
    console.log(
      '\nrealtime faults (lines sent / lost / doubled / re-delivered / out of order / doubled presence / recovered in):',
    );
    const ms = (n: number | undefined) => (Number.isFinite(n) ? `${n} ms` : 'never');
    for (const [name, f] of Object.entries(report)) {
      console.log(
        `  ${name}: ${f.sent} / ${f.lost} / ${f.doubled} / ${f.redelivered} / ${f.outOfOrder} / ${f.doubledPresence} / ${ms(f.recoveredMs)} (people: ${ms(presenceReport[name])})`,
      );
    }
  });

  /** Runs `fault` while everyone chats; `returns` marks when the dependency is back. */
  async function scenario(
    name: string,
    fault: () => Promise<void>,
    opts: { storeForgot: boolean },
  ): Promise<Figures> {
    for (const member of members) member.sent.length = 0;
    const chat = chatter(members, 250);
    await Bun.sleep(1_000);
    await fault();
    const back = Date.now();
    const recoveredMs = await recovery(members, back);
    const presenceMs = await presenceRecovery(back, opts.storeForgot);
    await chat.stop();
    // Lines still pending are sent on; give them time to land before counting.
    const deadline = Date.now() + 10_000;
    const everything = () => members.flatMap((m) => m.sent);
    while (!members.every((m) => m.has(everything())) && Date.now() < deadline) await Bun.sleep(50);
    const figures = figuresOf(members, recoveredMs);
    report[name] = figures;
    presenceReport[name] = presenceMs;
    return figures;
  }

  const everyone = ['anna', 'boris', 'gleb', 'vera'];
  const showsEveryone = (member: Member) =>
    member.connection.view.value.participants
      .map((p) => p.userId)
      .sort()
      .join() === everyone.join();

  /**
   * Time from `since` until every member's list of people is whole again (ms) — as announced
   * after `since` when the live store forgot it (a list from before may look whole then).
   */
  async function presenceRecovery(since: number, announced: boolean): Promise<number> {
    const deadline = Date.now() + 15_000;
    const settled = (m: Member) => (!announced || m.lastPresenceAt >= since) && showsEveryone(m);
    while (!members.every(settled)) {
      if (Date.now() > deadline) return Number.POSITIVE_INFINITY;
      await Bun.sleep(25);
    }
    return Date.now() - since;
  }

  function expectHealthyRoom(figures: Figures) {
    expect(figures.lost).toBe(0);
    expect(figures.doubled).toBe(0);
    expect(figures.doubledPresence).toBe(0);
    expect(Number.isFinite(figures.recoveredMs)).toBe(true);
    for (const member of members) {
      const view = member.connection.view.value;
      expect(view.status).toBe('connected');
      expect(view.participants.map((p) => p.userId).sort()).toEqual([
        'anna',
        'boris',
        'gleb',
        'vera',
      ]);
      expect(view.settings?.controlMode).toBe('owner');
      expect(view.playback?.playing).toBe(true);
      // Cursors never went backwards: one line per cursor, ascending.
      const cursors = view.messages.map((m) => m.cursor);
      expect(new Set(cursors).size).toBe(cursors.length);
    }
  }

  test('Redis killed for 10 s and restarted empty: nothing lost or doubled, nobody closed', async () => {
    const figures = await scenario(
      'Redis SIGKILL, 10 s down, restarted empty',
      async () => {
        await redis.kill();
        await Bun.sleep(IDLE_TTL_SECONDS * 1000);
        // Back empty, but a and b reach it 2 s later: meanwhile the sweeper instance sweeps a
        // live store with nobody in the room, past the idle TTL since the members joined.
        redisLink.cut();
        await redis.restart();
        await Bun.sleep(2_000);
        redisLink.restore();
      },
      { storeForgot: true },
    );
    expectHealthyRoom(figures);
    // The sweeper never closed the room while everyone was in it, not even while Redis had
    // forgotten them.
    await Bun.sleep((IDLE_TTL_SECONDS + 2) * 1000 - figures.recoveredMs);
    const anna = await tokenFor('anna', 'Anna');
    const room = await fetch(`http://127.0.0.1:${b.port}/api/rooms/${roomId}`, {
      headers: { authorization: `Bearer ${anna}` },
    }).then((r) => r.json() as Promise<{ closedAt: string | null }>);
    expect(room.closedAt).toBeNull();
  }, 90_000);

  test('the links to Redis cut for 3 s: nothing lost or doubled', async () => {
    const figures = await scenario(
      'Redis links cut for 3 s',
      async () => {
        redisLink.cut();
        await Bun.sleep(3_000);
        redisLink.restore();
      },
      { storeForgot: false },
    );
    expectHealthyRoom(figures);
  }, 90_000);

  test('an instance SIGKILLed: its members fail over, no ghosts, no false leaves', async () => {
    const started = Date.now();
    const figures = await scenario(
      'instance SIGKILL, members fail over',
      async () => {
        alive.delete(a);
        await a.kill();
      },
      { storeForgot: false },
    );
    expectHealthyRoom(figures);
    // Past the time the dead instance's entries are pruned: nobody is announced as gone.
    await Bun.sleep(Math.max(0, started + DEAD_AFTER_MS + 2 * HEARTBEAT_EVERY_MS - Date.now()));
    const falseLeaves = members.flatMap((m) => m.leavesSeen.filter((l) => l.at >= started));
    expect(falseLeaves).toEqual([]);
    expectHealthyRoom(figuresOf(members, 0));
  }, 90_000);
});
