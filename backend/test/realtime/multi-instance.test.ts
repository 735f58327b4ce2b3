/**
 * Two real backend instances on one Redis and one Postgres, real WebSocket clients, the demo
 * cinema as the directory: members on different instances share one room.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PROTOCOL_VERSION } from '@kino/shared/protocol';
import { hasPostgres, hasRedis } from '@kino/test-support/services';
import type { RunningBackend } from '../../src/main.ts';
import { CLOSE } from '../../src/realtime/limits.ts';
import {
  createRoom,
  type Stack,
  startStack,
  tokenFor,
  WsClient,
  wireViolations,
} from './servers.support.ts';

describe.skipIf(!hasPostgres || !hasRedis)('realtime across two instances', () => {
  let stack: Stack;
  let a: RunningBackend;
  let b: RunningBackend;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack();
    a = await stack.startInstance('instance-a');
    b = await stack.startInstance('instance-b');
    for (const [id, name] of [
      ['anna', 'Anna'],
      ['boris', 'Boris'],
      ['vera', 'Vera'],
      ['gleb', 'Gleb'],
    ] as const) {
      tokens[id] = await tokenFor(id, name);
    }
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  async function roomWithMembersOnBoth() {
    const roomId = await createRoom(a, tokens.anna!, ['boris', 'vera']);
    const anna = await WsClient.join(a, { token: tokens.anna!, roomId });
    const boris = await WsClient.join(b, { token: tokens.boris!, roomId });
    const vera = await WsClient.join(a, { token: tokens.vera!, roomId });
    await anna.waitFor((m) => m.type === 'presence' && m.event?.userId === 'vera', 'vera joined');
    await boris.waitFor((m) => m.type === 'presence' && m.event?.userId === 'vera', 'vera joined');
    for (const client of [anna, boris, vera]) client.clear();
    return { roomId, anna, boris, vera };
  }

  test('join over a real socket: welcome snapshot with permissions and presence', async () => {
    const roomId = await createRoom(a, tokens.anna!, ['boris']);
    const anna = await WsClient.join(a, { token: tokens.anna!, roomId });
    const boris = await WsClient.join(b, { token: tokens.boris!, roomId });
    const welcome = boris.ofType('welcome')[0];
    expect(welcome?.you).toMatchObject({
      userId: 'boris',
      name: 'Boris',
      isOwner: false,
      canControl: true,
    });
    expect(welcome?.room).toMatchObject({ id: roomId, filmId: 'night-train', ownerId: 'anna' });
    expect(welcome?.playback).toMatchObject({ playing: false, position: 0, seq: 0 });
    expect(welcome?.participants.map((p) => `${p.userId}@${p.instanceId}`).sort()).toEqual([
      'anna@instance-a',
      'boris@instance-b',
    ]);
    await anna.waitFor(
      (m) => m.type === 'presence' && m.event?.kind === 'join' && m.event.userId === 'boris',
      'join',
    );
    const room = await fetch(`${a.url}/api/rooms/${roomId}`, {
      headers: { authorization: `Bearer ${tokens.anna}` },
    }).then((r) => r.json() as Promise<{ participants: unknown[] }>);
    expect(room.participants).toHaveLength(2);
    anna.close();
    boris.close();
  });

  test('commands and chat from both instances reach everyone in the same order', async () => {
    const { anna, boris, vera } = await roomWithMembersOnBoth();
    anna.send({ type: 'play', baseSeq: 0, position: 0 });
    await boris.waitFor((m) => m.type === 'playback', 'play on b');
    boris.send({ type: 'seek', baseSeq: 1, position: 120 });
    await vera.waitForCount('playback', 2);
    for (let i = 0; i < 5; i++) {
      anna.send({ type: 'chat', id: `order-anna-${i}`, text: `anna ${i}` });
      boris.send({ type: 'chat', id: `order-boris-${i}`, text: `boris ${i}` });
    }
    vera.send({ type: 'reaction', id: 'order-vera-0', emoji: '😍' });
    for (const client of [anna, boris, vera]) await client.waitForCount('chat', 11);
    const order = (client: WsClient) => client.ofType('chat').map((c) => c.message.id);
    expect(order(boris)).toEqual(order(anna));
    expect(order(vera)).toEqual(order(anna));
    expect(new Set(order(anna)).size).toBe(11);
    const seqs = (client: WsClient) =>
      client.ofType('playback').map((p) => [p.playback.seq, p.cause?.action]);
    expect(seqs(anna)).toEqual([
      [1, 'play'],
      [2, 'seek'],
    ]);
    expect(seqs(boris)).toEqual(seqs(anna));
    expect(seqs(vera)).toEqual(seqs(anna));
    expect(vera.ofType('chat').at(-1)?.message.position).toBeGreaterThanOrEqual(120);
    for (const client of [anna, boris, vera]) client.close();
  });

  test('simultaneous commands on one seq from two instances: exactly one wins', async () => {
    const { anna, boris, vera } = await roomWithMembersOnBoth();
    anna.send({ type: 'seek', baseSeq: 0, position: 10 });
    boris.send({ type: 'seek', baseSeq: 0, position: 20 });
    await vera.waitForCount('playback', 1);
    await Promise.race([anna.waitForCount('error', 1), boris.waitForCount('error', 1)]);
    await Bun.sleep(100);
    const broadcasts = vera.ofType('playback');
    expect(broadcasts).toHaveLength(1);
    const errors = [...anna.ofType('error'), ...boris.ofType('error')];
    expect(errors.map((e) => e.code)).toEqual(['stale']);
    for (const client of [anna, boris, vera]) client.close();
  });

  test('owner-only control across instances', async () => {
    const { anna, boris, vera } = await roomWithMembersOnBoth();
    anna.send({ type: 'settings', controlMode: 'owner' });
    await boris.waitFor((m) => m.type === 'settings', 'settings on b');
    boris.send({ type: 'pause', baseSeq: 0, position: 0 });
    await boris.waitFor((m) => m.type === 'error', 'not_allowed');
    expect(boris.ofType('error')[0]?.code).toBe('not_allowed');
    anna.send({ type: 'play', baseSeq: 0, position: 5 });
    await boris.waitFor((m) => m.type === 'playback', 'owner play');
    expect(vera.ofType('error')).toEqual([]);
    for (const client of [anna, boris, vera]) client.close();
  });

  test('refused joins over a real socket', async () => {
    const roomId = await createRoom(a, tokens.anna!, ['boris']);
    const cases = [
      { hello: { token: tokens.gleb, roomId }, code: 'forbidden', close: CLOSE.denied },
      { hello: { token: 'not-a-jwt', roomId }, code: 'unauthorized', close: CLOSE.denied },
      {
        hello: { token: tokens.anna, roomId: 'no-such-room' },
        code: 'not_found',
        close: CLOSE.denied,
      },
      {
        hello: { token: tokens.anna, roomId, v: PROTOCOL_VERSION + 1 },
        code: 'version_mismatch',
        close: CLOSE.versionMismatch,
      },
    ];
    for (const c of cases) {
      const client = await WsClient.connect(b);
      client.send({ type: 'hello', v: PROTOCOL_VERSION, clientId: 'refused-client-1', ...c.hello });
      const closed = await client.closed;
      expect(client.ofType('error')[0]).toMatchObject({ code: c.code, fatal: true });
      expect(closed.code).toBe(c.close);
      expect(closed.reason.length).toBeGreaterThan(0);
    }
  });

  test('bad input over a real socket: errors to the sender only, abuse closes only the abuser', async () => {
    const { anna, boris, vera } = await roomWithMembersOnBoth();
    boris.send('{oops');
    boris.send('[]');
    boris.send({ type: 'nope' });
    boris.send({ type: 'seek', baseSeq: 0, position: 'x' });
    await boris.waitForCount('error', 4);
    expect(boris.ofType('error').map((e) => e.code)).toEqual([
      'bad_json',
      'invalid_message',
      'unknown_type',
      'invalid_message',
    ]);
    // Past the protocol's frame limit the transport itself cuts the frame off, unread.
    const big = await WsClient.connect(b);
    big.send(JSON.stringify({ type: 'chat', id: 'big-frame-01', text: 'x'.repeat(20_000) }));
    expect((await big.closed).code).toBe(1009);
    boris.send({ type: 'chat', id: 'still-ok-001', text: 'fine' });
    await anna.waitFor((m) => m.type === 'chat', 'chat after errors');
    expect(anna.received.map((m) => m.type)).toEqual(['chat']);
    for (let i = 0; i < 40; i++) vera.send('garbage');
    const closed = await vera.closed;
    expect(closed).toEqual({
      code: CLOSE.abuse,
      reason: 'too many invalid or rate-limited messages',
    });
    await boris.waitFor((m) => m.type === 'presence' && m.event?.kind === 'leave', 'vera left');
    expect(anna.isOpen && boris.isOpen).toBe(true);
    anna.close();
    boris.close();
  });

  test('no handler failed on either instance during the suite', () => {
    expect(stack.log.errors).toEqual([]);
    expect(wireViolations).toEqual([]);
  });
});
