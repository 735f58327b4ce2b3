/**
 * The hostile-client suite: what an outside client can send over a real socket, on the embedded
 * stack and on Postgres + Redis. After every case the room is unharmed (members see each other's
 * play/pause and chat, a newcomer joins, /health answers promptly); after the suite the server's
 * memory is back near where it started.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CHAT_TEXT_MAX, MAX_SERVER_FRAME_BYTES } from '@kino/shared/protocol';
import { BUFFER_HOLD_POLICY } from '@kino/shared/room/buffering';
import { ROOM_CAPACITY } from '@kino/shared/room/presence';
import { RATE_LIMITS } from '@kino/shared/room/rate-limit';
import { hasPostgres, hasRedis } from '@kino/test-support/services';
import { CLOSE } from '../../src/realtime/limits.ts';
import { initialRoom } from '../../src/realtime/room-state.ts';
import {
  attackWhilePinging,
  embeddedStack,
  type HostileStack,
  hello,
  nested,
  openRoom,
  type Room,
  redisStack,
  roomUnharmed,
} from './hostile.support.ts';
import { createRoom, tokenFor, WsClient, wireViolations } from './servers.support.ts';

function hostileSuite(name: string, make: () => Promise<HostileStack>) {
  describe(`hostile clients: ${name}`, () => {
    let stack: HostileStack;
    let room: Room;
    let heapBefore = 0;

    beforeAll(async () => {
      stack = await make();
      room = await openRoom(stack);
      Bun.gc(true);
      heapBefore = process.memoryUsage().heapUsed;
    });

    afterAll(async () => {
      room?.anna.close();
      room?.boris.close();
      await stack?.dispose();
    });

    test('240 KB, 120,000-level nested frames stall neither /health nor other sockets’ pings', async () => {
      const frame = nested(120_000);
      expect(frame.length).toBeGreaterThan(240_000);
      const ATTACKS = 20;
      const { closes, health, sent, answered } = await attackWhilePinging(
        stack,
        room,
        frame,
        ATTACKS,
      );
      // Cut off by the transport at the protocol's limit, unread: 1009 "message too big".
      expect(closes).toEqual(Array(ATTACKS).fill(1009));
      // Every ping sent meanwhile was answered, none after a stall.
      expect(answered.length).toBe(sent);
      expect(Math.max(...answered)).toBeLessThan(1_000);
      expect(Math.max(...health)).toBeLessThan(1_000);
      await roomUnharmed(stack, room);
    });

    test('nested frames under the limit are refused and counted: the sender is closed', async () => {
      const attacker = await WsClient.connect(stack.backend);
      for (let i = 0; i < 25; i++) attacker.send(nested(8_000));
      expect((await attacker.closed).code).toBe(CLOSE.abuse);
      expect(attacker.ofType('error')[0]).toMatchObject({ code: 'invalid_message', ref: 'hello' });
      await roomUnharmed(stack, room);
    });

    test('anything but hello before hello counts: junk, binary, a ping flood', async () => {
      const junk = await WsClient.connect(stack.backend);
      for (let i = 0; i < 25; i++) junk.send(i % 2 ? 'garbage' : new Uint8Array([0xff, 0xfe, i]));
      expect((await junk.closed).code).toBe(CLOSE.abuse);
      expect(new Set(junk.ofType('error').map((e) => e.code))).toEqual(new Set(['bad_json']));
      const pings = await WsClient.connect(stack.backend);
      for (let i = 0; i < 40; i++) pings.send({ type: 'ping', id: i, t0: 1 });
      expect((await pings.closed).code).toBe(CLOSE.abuse);
      await roomUnharmed(stack, room);
    });

    test('a JSON string that wraps a hello is not a hello', async () => {
      const client = await WsClient.connect(stack.backend);
      client.send(JSON.stringify(JSON.stringify(hello(room.tokens.vera!, room.id))));
      await client.waitFor((m) => m.type === 'error', 'error');
      expect(client.ofType('error')[0]).toMatchObject({ code: 'invalid_message' });
      expect(client.ofType('welcome')).toEqual([]);
      client.close();
      await roomUnharmed(stack, room);
    });

    test('odd bytes in a room id are not_found, never internal', async () => {
      for (const roomId of [
        '\u0000',
        `${room.id}\u0000`,
        '%00',
        '../x',
        'ж'.repeat(10),
        'x'.repeat(100),
      ]) {
        const client = await WsClient.connect(stack.backend);
        client.send(hello(room.tokens.anna!, roomId));
        const closed = await client.closed;
        expect(client.ofType('error')[0]).toMatchObject({ code: 'not_found', fatal: true });
        expect(closed.code).toBe(CLOSE.denied);
      }
      await roomUnharmed(stack, room);
    });

    test('one user, many sockets: a few tabs in, the rest refused; one chat budget for all', async () => {
      // Boris's budget is full again (earlier checks made him chat).
      await Bun.sleep(1_000 * (RATE_LIMITS.chat.burst / RATE_LIMITS.chat.perSecond));
      const tabs: WsClient[] = [];
      for (let i = 0; i < 10; i++) {
        tabs.push(
          await WsClient.join(stack.backend, { token: room.tokens.boris!, roomId: room.id }),
        );
      }
      const welcomed = tabs.filter((t) => t.ofType('welcome').length === 1);
      expect(welcomed).toHaveLength(ROOM_CAPACITY.maxConnectionsPerMember - 1); // 1 tab was in
      for (const refused of tabs.filter((t) => t.ofType('welcome').length === 0)) {
        expect(refused.ofType('error')[0]).toMatchObject({ code: 'too_many_connections' });
        expect((await refused.closed).code).toBe(CLOSE.full);
      }
      const seen = room.anna.ofType('chat').length;
      const started = performance.now();
      // Twelve lines from each extra tab at once: each tab alone is within its socket's burst.
      for (let i = 0; i < 12; i++) {
        for (const [t, tab] of welcomed.entries()) {
          tab.send({ type: 'chat', id: `flood-${t}-${i}-${Date.now()}`, text: 'spam' });
        }
      }
      await Bun.sleep(500);
      const seconds = (performance.now() - started) / 1000;
      const delivered = room.anna.ofType('chat').length - seen;
      const budget = RATE_LIMITS.chat.burst + Math.ceil(seconds * RATE_LIMITS.chat.perSecond);
      expect(delivered).toBeGreaterThan(0);
      expect(delivered).toBeLessThanOrEqual(budget);
      expect(delivered).toBeLessThan(12 * welcomed.length);
      const limited = welcomed
        .flatMap((t) => t.ofType('error'))
        .filter((e) => e.code === 'rate_limited');
      expect(limited.length).toBe(12 * welcomed.length - delivered);
      for (const tab of welcomed) tab.close();
      // His budget refills before the room check.
      await Bun.sleep(1_000 * (RATE_LIMITS.chat.burst / RATE_LIMITS.chat.perSecond));
      await roomUnharmed(stack, room);
    });

    test('chat that shows nothing is refused; broken UTF-16 is stored well-formed', async () => {
      const invisible = [
        '\u200B',
        '\u3164\u3164',
        '\u115F',
        '\u1160',
        '\uFFA0',
        '\u2800',
        ' \u0301',
        '\u00A0\u3000\u2028',
      ];
      for (const [i, text] of invisible.entries()) {
        room.boris.send({ type: 'chat', id: `invisible-${i}-${Date.now()}`, text });
      }
      const before = room.anna.ofType('chat').length;
      const id = `surrogate-${Date.now()}`;
      room.boris.send(`{"type":"chat","id":"${id}","text":"half \\ud83d of a pair"}`);
      await room.anna.waitFor((m) => m.type === 'chat' && m.message.id === id, 'surrogate line');
      expect(
        room.anna
          .ofType('chat')
          .slice(before)
          .map((c) => c.message.text),
      ).toEqual(['half \uFFFD of a pair']);
      await Bun.sleep(1_000 * (invisible.length / RATE_LIMITS.chat.perSecond));
      await roomUnharmed(stack, room);
    });

    test('a room of the longest lines in Russian, English and emoji: every frame fits', async () => {
      const texts = [
        'Ё'.repeat(CHAT_TEXT_MAX),
        `${'The longest line. '.repeat(27)}${'z'.repeat(CHAT_TEXT_MAX - 18 * 27)}`,
        '🎬'.repeat(CHAT_TEXT_MAX / 2),
      ];
      for (let i = 0; i < 90; i++) {
        await stack.record.appendChat(
          room.id,
          {
            id: `longest-${i}-${Date.now()}`,
            kind: 'text',
            userId: 'boris',
            name: 'Борис',
            text: texts[i % 3]!,
            at: Date.now(),
            position: 0,
          },
          initialRoom(Date.now()),
        );
      }
      const newcomer = await WsClient.join(stack.backend, {
        token: room.tokens.vera!,
        roomId: room.id,
      });
      const welcome = newcomer.ofType('welcome')[0]!;
      expect(welcome.chat.hasMore).toBe(true);
      let oldest = welcome.chat.messages[0]!.cursor;
      let pages = 0;
      for (let hasMore = true; hasMore; pages++) {
        const count = newcomer.ofType('history').length;
        newcomer.send({ type: 'history', before: oldest, limit: 100 });
        await newcomer.waitForCount('history', count + 1);
        const page = newcomer.ofType('history').at(-1)!;
        hasMore = page.hasMore;
        if (page.messages[0]) oldest = page.messages[0].cursor;
      }
      expect(oldest).toBe(1);
      expect(pages).toBeGreaterThan(3);
      expect(Math.max(...newcomer.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
      newcomer.close();
      await roomUnharmed(stack, room);
    });

    test('stall reports cannot take over an owner-only room', async () => {
      room.anna.send({ type: 'settings', controlMode: 'owner' });
      await room.boris.waitFor(
        (m) => m.type === 'settings' && m.settings.controlMode === 'owner',
        'owner mode',
      );
      const before = room.anna.ofType('playback').length;
      for (let i = 0; i < 12; i++) {
        room.boris.send({ type: 'buffering', stalled: true });
        await Bun.sleep(30);
        room.boris.send({ type: 'buffering', stalled: false });
        await Bun.sleep(30);
      }
      await Bun.sleep(300);
      const holds = room.anna
        .ofType('playback')
        .slice(before)
        .filter((p) => p.cause?.action === 'wait-buffering');
      expect(holds.length).toBeLessThanOrEqual(BUFFER_HOLD_POLICY.maxHoldsPerWindow);
      room.anna.send({ type: 'settings', controlMode: 'everyone' });
      await room.boris.waitFor(
        (m) => m.type === 'settings' && m.settings.controlMode === 'everyone',
        'everyone mode',
      );
      await roomUnharmed(stack, room);
    });

    test('a full room: the next person is refused, presence still fits', async () => {
      const open = await createRoom(stack.backend, room.tokens.anna!, [], { allowLinkJoin: true });
      const members: WsClient[] = [];
      for (let i = 0; i < ROOM_CAPACITY.maxMembers; i++) {
        const token = await tokenFor(
          `guest-${i}-${'g'.repeat(60)}`,
          `${'Гость с длинным именем '.repeat(3)}${i}`,
        );
        members.push(await WsClient.join(stack.backend, { token, roomId: open }));
      }
      expect(members.every((m) => m.ofType('welcome').length === 1)).toBe(true);
      const late = await WsClient.join(stack.backend, {
        token: await tokenFor('late', 'Late'),
        roomId: open,
      });
      expect(late.ofType('error')[0]).toMatchObject({ code: 'room_full' });
      for (const member of members) {
        expect(Math.max(...member.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
        member.close();
      }
      await roomUnharmed(stack, room);
    });

    test('nothing the server sent broke the protocol, and memory is back near the start', async () => {
      expect(wireViolations).toEqual([]);
      await Bun.sleep(500);
      Bun.gc(true);
      const grown = process.memoryUsage().heapUsed - heapBefore;
      expect(grown).toBeLessThan(64 * 1024 * 1024);
    });
  });
}

hostileSuite('embedded', embeddedStack);
if (hasPostgres && hasRedis) hostileSuite('Postgres + Redis', redisStack);
else test.skip('hostile clients: Postgres + Redis (needs both services)', () => {});
