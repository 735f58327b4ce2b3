/**
 * Rooms moving between instances while chat flows: three real backends on a redis-server of
 * this suite's own and one Postgres database. Readers hop from instance to instance every few
 * hundred milliseconds (each hop resumes with `lastCursor`, as the extension does), writers
 * move now and then too, so every room keeps gaining and losing instances: a room is watched
 * and unwatched on the bus, now all on one instance (nothing published), now spread.
 *
 * What each member ends up with, stitched over all its connections, must be every line of its
 * room exactly once and in cursor order: 1, 2, 3, … — nothing lost, nothing doubled.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import type { ServerMessage } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import { hasPostgres } from '@kino/test-support/services';
import type { RunningBackend } from '../../src/main.ts';
import { OwnRedis } from './faults/processes.ts';
import {
  createRoom,
  type Stack,
  startStack,
  tokenFor,
  WsClient,
  wireViolations,
} from './servers.support.ts';

const ROOMS = 3;
const LINES_PER_ROOM = 36;
/** Below the per-person chat budget (5/s, burst 10), so no line is refused. */
const WRITE_GAP_MS = 230;
const WRITER_MOVES_EVERY = 12;
const READER_HOP_MS = 300;
/** Lines written after the hopping stopped, to readers on other instances: the bus alone. */
const LIVE_TAIL = 6;

/** One member's view of a room, over however many connections it took. */
class Member {
  /** Every chat line received, in arrival order, across all connections. */
  readonly lines: ChatMessage[] = [];
  private client: WsClient | null = null;
  private seen = 0;
  private readonly clientId = `c-${randomUUID()}`;
  hops = 0;

  constructor(
    private readonly token: string,
    private readonly roomId: string,
  ) {}

  /** The newest cursor held with nothing missing before it. */
  get complete(): number {
    let cursor = 0;
    for (const line of this.lines) if (line.cursor === cursor + 1) cursor = line.cursor;
    return cursor;
  }

  /** Leaves the current instance (if any) and joins `backend`, resuming from what it holds. */
  async moveTo(backend: RunningBackend): Promise<void> {
    this.collect();
    this.client?.close();
    const lastCursor = this.lines.length > 0 ? this.complete : undefined;
    const client = await WsClient.join(backend, {
      token: this.token,
      roomId: this.roomId,
      clientId: this.clientId,
      ...(lastCursor === undefined ? {} : { lastCursor }),
    });
    const welcome = client.ofType('welcome')[0];
    if (!welcome) throw new Error(`no welcome: ${JSON.stringify(client.received.slice(0, 3))}`);
    this.client = client;
    this.seen = 0;
    this.hops++;
  }

  /** Takes the lines the current connection received since the last look. */
  collect(): void {
    if (!this.client) return;
    const received = this.client.received;
    for (; this.seen < received.length; this.seen++) {
      const message = received[this.seen] as ServerMessage;
      if (message.type === 'welcome') this.lines.push(...message.chat.messages);
      if (message.type === 'chat') this.lines.push(message.message);
    }
  }

  async say(id: string, text: string): Promise<void> {
    const client = this.client!;
    client.send({ type: 'chat', id, text });
    await client.waitFor(
      (m) => (m.type === 'chat' && m.message.id === id) || m.type === 'error',
      `echo of ${id}`,
    );
    const error = client.received.find((m) => m.type === 'error');
    if (error) throw new Error(`chat refused: ${JSON.stringify(error)}`);
  }

  close(): void {
    this.collect();
    this.client?.close();
  }
}

describe.skipIf(!hasPostgres)('rooms moving between instances while chat flows', () => {
  let redis: OwnRedis;
  let stack: Stack;
  let instances: RunningBackend[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startStack({ redisUrl: redis.url });
    instances = [
      await stack.startInstance('move-a'),
      await stack.startInstance('move-b'),
      await stack.startInstance('move-c'),
    ];
  }, 60_000);

  afterAll(async () => {
    await stack?.dispose();
    await redis?.kill();
  });

  test('every member gets every line once, in cursor order', async () => {
    const anna = await tokenFor('anna', 'Anna');
    const readerTokens = [await tokenFor('boris', 'Boris'), await tokenFor('vera', 'Vera')];
    const rooms = await Promise.all(
      Array.from({ length: ROOMS }, () => createRoom(instances[0]!, anna, ['boris', 'vera'])),
    );
    let stop = false;
    const pick = (i: number) => instances[i % instances.length]!;

    const runRoom = async (roomId: string, r: number) => {
      const writer = new Member(anna, roomId);
      const readers = readerTokens.map((token) => new Member(token, roomId));
      await writer.moveTo(pick(r));
      for (const [k, reader] of readers.entries()) await reader.moveTo(pick(r + k + 1));
      // Readers hop on their own clocks while the writer writes.
      const hopping = readers.map(async (reader, k) => {
        for (let hop = 1; !stop; hop++) {
          await Bun.sleep(READER_HOP_MS + k * 70);
          if (!stop) await reader.moveTo(pick(r + k + hop));
        }
      });
      for (let i = 1; i <= LINES_PER_ROOM; i++) {
        if (i % WRITER_MOVES_EVERY === 0) await writer.moveTo(pick(r + i / WRITER_MOVES_EVERY));
        await writer.say(`line-r${r}-n${i}`, `line ${i} of room ${r}`);
        await Bun.sleep(WRITE_GAP_MS);
      }
      return { writer, readers, hopping };
    };

    const running = await Promise.all(rooms.map((roomId, r) => runRoom(roomId, r)));
    stop = true;
    await Promise.all(running.flatMap((room) => room.hopping));
    // The tail: readers stay put, each writer on an instance of its own (3 members, 3 instances).
    await Promise.all(
      running.map(async ({ writer, readers }, r) => {
        for (const [k, reader] of readers.entries()) await reader.moveTo(pick(r + k + 1));
        await writer.moveTo(pick(r));
        for (let i = LINES_PER_ROOM + 1; i <= LINES_PER_ROOM + LIVE_TAIL; i++) {
          await writer.say(`line-r${r}-n${i}`, `line ${i} of room ${r}`);
          await Bun.sleep(WRITE_GAP_MS);
        }
      }),
    );
    await Bun.sleep(500);

    for (const [r, { writer, readers }] of running.entries()) {
      for (const member of [writer, ...readers]) {
        member.close();
        const cursors = member.lines.map((line) => line.cursor);
        const expected = Array.from({ length: LINES_PER_ROOM + LIVE_TAIL }, (_, i) => i + 1);
        expect({ room: r, cursors }).toEqual({ room: r, cursors: expected });
        expect(member.lines.map((line) => line.id)).toEqual(
          expected.map((i) => `line-r${r}-n${i}`),
        );
      }
      expect(readers.every((reader) => reader.hops > 5)).toBe(true);
    }
    expect(wireViolations).toEqual([]);
    expect(stack.log.errors).toEqual([]);
  }, 90_000);
});
