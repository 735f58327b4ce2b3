/** Closing, restart survival, presence history and expiry. */
import { expect, test } from 'bun:test';
import type { RoomView } from '@kino/shared/http/rooms';
import { DEFAULT_ROOM_SETTINGS } from '@kino/shared/room/permissions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import type { ChatMessage } from '@kino/shared/types';
import { waitUntil } from '@kino/test-support/smtp-sink';
import type { RoomEvent } from '../../src/live/types.ts';
import { countPendingMail } from '../../src/mail/queue.ts';
import { createRoomRecord } from '../../src/record/index.ts';
import { getRoomAccess, listPresence } from '../../src/rooms/access.ts';
import { sweepIdleRooms } from '../../src/rooms/expiry.ts';
import { createPresenceLog } from '../../src/rooms/presence-log.ts';
import { call } from '../support/http.ts';
import type { SuiteContext } from './context.ts';

export function lifecycleTests(ctx: SuiteContext): void {
  test('close: owner only; tells the hub, drops live state, archives', async () => {
    const room = (await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
    const events: RoomEvent[] = [];
    // An observer instance watching the room, as an instance serving its members would.
    const unsubscribe = await ctx.env.deps.live.subscribe((e) => events.push(e), {
      instanceId: 'observer',
    });
    await ctx.env.deps.live.watchRoom(room.id, 'observer');
    const byInvitee = await call(ctx.app(), 'POST', `/api/rooms/${room.id}/close`, {
      token: ctx.boris,
    });
    expect(byInvitee.status).toBe(403);
    expect(byInvitee.json.code).toBe('not_room_owner');
    const closed = await call<RoomView>(ctx.app(), 'POST', `/api/rooms/${room.id}/close`, {
      token: ctx.anna,
    });
    expect(closed.status).toBe(200);
    expect(closed.json.closedAt).not.toBeNull();
    expect(closed.json.closeReason).toBe('closed-by-owner');
    await waitUntil(() => events.some((e) => e.roomId === room.id), 2000, 'room-closed event');
    expect(events.find((e) => e.roomId === room.id)).toMatchObject({
      roomId: room.id,
      origin: ctx.env.deps.instanceId,
      message: { type: 'room-closed', reason: 'closed-by-owner' },
    });
    await unsubscribe();
    expect(await ctx.env.deps.live.getPlayback(room.id)).toBeNull();
    expect(await getRoomAccess(ctx.env.deps.db, room.id, 'anna')).toMatchObject({ allowed: false });
    // Archived, not deleted: still readable, and closing again is harmless.
    expect(
      (await call<RoomView>(ctx.app(), 'GET', `/api/rooms/${room.id}`, { token: ctx.boris })).json
        .closedAt,
    ).not.toBeNull();
    expect(
      (await call(ctx.app(), 'POST', `/api/rooms/${room.id}/close`, { token: ctx.anna })).status,
    ).toBe(200);
    expect((await call(ctx.app(), 'GET', `/join/${room.id}`)).status).toBe(410);
  });

  test('a restart keeps rooms, live state and sent mail (no re-send)', async () => {
    const room = (await ctx.createRoom({ filmId: 'night-train', invitees: ['vera'] })).json;
    // Every invite of this file is out before counting, so any later mail would be a re-send.
    await waitUntil(
      async () => (await countPendingMail(ctx.env.deps.db)) === 0,
      5000,
      'empty mail queue',
    );
    const live = ctx.env.deps.live;
    await live.cachePlayback(room.id, {
      playing: true,
      position: 42.5,
      at: 1_700_000_000_000,
      rate: 1,
      seq: 1,
    });
    const chat: Omit<ChatMessage, 'cursor'> = {
      id: 'c1',
      kind: 'text',
      userId: 'anna',
      name: 'Анна',
      text: 'до рестарта',
      at: 1,
      position: 3,
    };
    const initial = { playback: initialPlayback(0), settings: DEFAULT_ROOM_SETTINGS };
    const record = () => createRoomRecord(ctx.env.deps.db, ctx.env.deps.dbKind);
    await record().appendChat(room.id, chat, initial);
    const mailCount = (await ctx.env.delivered()).length;

    await ctx.restart();

    const after = await call<RoomView>(ctx.app(), 'GET', `/api/rooms/${room.id}`, {
      token: ctx.anna,
    });
    expect(after.status).toBe(200);
    expect(after.json.playback).toEqual({
      playing: true,
      position: 42.5,
      at: 1_700_000_000_000,
      rate: 1,
      seq: 1,
    });
    expect(after.json.invitees).toEqual([{ id: 'vera', name: 'Вера' }]);
    expect((await record().chatPage(room.id, { limit: 5 })).messages.map((m) => m.text)).toEqual([
      'до рестарта',
    ]);
    await Bun.sleep(150);
    expect((await ctx.env.delivered()).length).toBe(mailCount);
  }, 30_000);

  test('presence is recorded; an idle room with nobody in it expires', async () => {
    const idle = (await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
    const busy = (await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
    const t0 = ctx.env.deps.clock();
    // The leave is stored before the join it follows: two presence batches in flight at once
    // (presence-log.ts) commit in either order, and the history still reads in time order.
    const presenceLog = createPresenceLog(ctx.env.deps.db);
    const boris = { roomId: idle.id, userId: 'boris', connectionId: 'c1' } as const;
    await presenceLog.record({ ...boris, event: 'leave', at: t0 + 1000 });
    await presenceLog.record({ ...boris, event: 'join', at: t0 });
    expect(
      (await listPresence(ctx.env.deps.db, idle.id)).map((p) => [
        p.userId,
        p.connectionId,
        p.event,
        p.at,
      ]),
    ).toEqual([
      ['boris', 'c1', 'join', t0],
      ['boris', 'c1', 'leave', t0 + 1000],
    ]);
    await ctx.env.deps.live.putParticipant(busy.id, {
      userId: 'anna',
      name: 'Анна',
      connectionId: 'c2',
      instanceId: ctx.env.deps.instanceId,
      joinedAt: t0,
      buffering: false,
      clientId: 'tab-0002',
    });
    const events: RoomEvent[] = [];
    const unsubscribe = await ctx.env.deps.live.subscribe((e) => events.push(e), {
      instanceId: 'observer',
    });
    await ctx.env.deps.live.watchRoom(idle.id, 'observer');
    const sweep = (now: number) =>
      sweepIdleRooms({
        db: ctx.env.deps.db,
        live: ctx.env.deps.live,
        clock: () => now,
        instanceId: 'sweeper',
        idleTtlMs: 60_000,
      });

    expect(await sweep(t0 + 1000 + 59_000)).not.toContain(idle.id);
    const expired = await sweep(t0 + 1000 + 60_000);
    expect(expired).toContain(idle.id);
    expect(expired).not.toContain(busy.id);
    await waitUntil(() => events.some((e) => e.roomId === idle.id), 2000, 'expiry event');
    expect(events.find((e) => e.roomId === idle.id)?.message).toEqual({
      type: 'room-closed',
      reason: 'expired',
    });
    await unsubscribe();
    const view = await call<RoomView>(ctx.app(), 'GET', `/api/rooms/${idle.id}`, {
      token: ctx.anna,
    });
    expect(view.json.closeReason).toBe('expired');
    expect(
      (await call<RoomView>(ctx.app(), 'GET', `/api/rooms/${busy.id}`, { token: ctx.anna })).json
        .closedAt,
    ).toBeNull();
  });
}
