import { afterEach, describe, expect, test } from 'bun:test';
import { connect, resetConnections, socket, tick, welcome } from './connection.test-kit';

afterEach(resetConnections);

import { playerRoomOf } from './player-room';

describe('room connection', () => {
  test('says hello with token and client id; nothing else goes out before welcome', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    expect(s.sent[0]).toEqual({
      type: 'hello',
      v: 1,
      token: 'jwt',
      roomId: 'r1',
      clientId: 'tab-client-1',
    });
    c.sendChat('too early');
    expect(s.types()).toEqual(['hello']);
    expect(c.view.value.pending.map((p) => p.text)).toEqual(['too early']);
    s.deliver(welcome(7));
    await tick();
    // The pending line goes out after welcome, under its original id.
    expect(s.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'too early' });
    expect(c.view.value.status).toBe('connected');
  });

  test('the player learns the server clock is measured only after the first pong', async () => {
    const c = connect();
    const room = playerRoomOf(c);
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    await tick();
    expect(room.clockReady?.()).toBe(false);
    const ping = s.sent.find((m) => m.type === 'ping') as { id: number; t0: number } | undefined;
    expect(ping).toBeDefined();
    // The estimator wants a few samples before it trusts the offset.
    for (let i = 0; i < 3; i++) {
      s.deliver({ type: 'pong', id: ping!.id, t0: ping!.t0, serverTime: ping!.t0 + 3 });
    }
    await tick();
    expect(room.clockReady?.()).toBe(true);
  });

  test('commands carry the seq they were based on', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    c.sendCommand({ type: 'pause', baseSeq: c.view.value.playback?.seq ?? -1, position: 12.5 });
    // Named with an id, so an error about it says which command it was.
    expect(s.sent).toContainEqual({ type: 'pause', id: 'chat-id-1', baseSeq: 4, position: 12.5 });
  });

  test('a malformed server frame is ignored, not a crash', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.dispatchEvent(new MessageEvent('message', { data: '{"type":"welcome"' }));
    s.deliver({ type: 'nonsense' });
    expect(c.view.value.status).toBe('connecting');
  });

  test('invisible text is not sent', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    expect(c.sendChat('\u200B\u3164 ')).toBe(false);
    expect(s.types()).not.toContain('chat');
    expect(c.sendChat('  ok  ')).toBe(true);
    expect(s.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'ok' });
  });
});
