/**
 * Recovery over real servers: an instance restarts mid-room (graceful 1012), its client
 * reconnects with lastCursor and resends what was not acknowledged; nothing is lost or doubled.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ChatMessage } from '@kino/shared/types';
import { hasPostgres, hasRedis } from '@kino/test-support/services';
import type { RunningBackend } from '../../src/main.ts';
import { CLOSE } from '../../src/realtime/limits.ts';
import { createRoomRecord } from '../../src/record/index.ts';
import { createRoom, type Stack, startStack, tokenFor, WsClient } from './servers.support.ts';

/** What the extension does: remember sent chat until its echo arrives, resend after reconnect. */
class ChatOutbox {
  readonly pending = new Map<string, string>();
  send(client: WsClient, id: string, text: string) {
    this.pending.set(id, text);
    client.send({ type: 'chat', id, text });
  }
  acknowledge(messages: ChatMessage[]) {
    for (const m of messages) this.pending.delete(m.id);
  }
  resend(client: WsClient) {
    for (const [id, text] of this.pending) client.send({ type: 'chat', id, text });
  }
}

const chatOf = (client: WsClient): ChatMessage[] => [
  ...client.ofType('welcome').flatMap((w) => w.chat.messages),
  ...client.ofType('chat').map((c) => c.message),
];

describe.skipIf(!hasPostgres || !hasRedis)('realtime recovery', () => {
  let stack: Stack;
  let a: RunningBackend;
  let b: RunningBackend;
  let annaToken: string;
  let borisToken: string;

  beforeAll(async () => {
    stack = await startStack();
    a = await stack.startInstance('instance-a');
    b = await stack.startInstance('instance-b');
    annaToken = await tokenFor('anna', 'Anna');
    borisToken = await tokenFor('boris', 'Boris');
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  test('an instance restart mid-room loses and doubles no chat, playback resumes', async () => {
    const roomId = await createRoom(b, annaToken, ['boris']);
    const anna = await WsClient.join(b, { token: annaToken, roomId });
    const boris = await WsClient.join(a, { token: borisToken, roomId });
    anna.send({ type: 'play', baseSeq: 0, position: 0 });
    await boris.waitFor((m) => m.type === 'playback', 'play');

    const outbox = new ChatOutbox();
    outbox.send(boris, 'restart-msg-1', 'before restart');
    await anna.waitFor((m) => m.type === 'chat', 'first message');
    // Two more in flight while the instance goes down: some may be stored, some not.
    outbox.send(boris, 'restart-msg-2', 'in flight 1');
    outbox.send(boris, 'restart-msg-3', 'in flight 2');
    await stack.stopInstance(a);
    expect((await boris.closed).code).toBe(CLOSE.serviceRestart);
    outbox.acknowledge(chatOf(boris));
    const lastCursor = Math.max(0, ...chatOf(boris).map((m) => m.cursor));

    a = await stack.startInstance('instance-a');
    const back = await WsClient.join(a, { token: borisToken, roomId, lastCursor });
    outbox.acknowledge(chatOf(back));
    outbox.resend(back);
    for (const id of ['restart-msg-1', 'restart-msg-2', 'restart-msg-3']) {
      await anna.waitFor((m) => m.type === 'chat' && m.message.id === id, id);
    }
    await Bun.sleep(100);

    const annaIds = anna.ofType('chat').map((c) => c.message.id);
    expect(annaIds).toEqual(['restart-msg-1', 'restart-msg-2', 'restart-msg-3']);
    const seenByBoris = new Set([...chatOf(boris), ...chatOf(back)].map((m) => m.id));
    expect([...seenByBoris].sort()).toEqual(['restart-msg-1', 'restart-msg-2', 'restart-msg-3']);
    const stored = await createRoomRecord(b.deps.db, b.deps.dbKind).chatPage(roomId, {
      limit: 50,
    });
    expect(stored.messages.map((m) => m.id)).toEqual(annaIds);

    const welcome = back.ofType('welcome')[0];
    expect(welcome?.playback).toMatchObject({ playing: true, seq: 1 });
    expect(welcome?.participants.map((p) => p.userId).sort()).toEqual(['anna', 'boris']);
    await anna.waitFor(
      (m) => m.type === 'presence' && m.event?.kind === 'leave',
      'leave on restart',
    );
    anna.close();
    back.close();
  });

  test('the running server drops a connection that never says hello', async () => {
    const silent = await WsClient.connect(b);
    const closed = await silent.closed;
    expect(closed.code).toBe(CLOSE.helloTimeout);
  }, 10_000);
});
