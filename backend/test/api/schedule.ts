/**
 * Scheduled screenings through the API, on both stacks: create with a start, invites with a
 * calendar that parses, the reminder waiting in the queue, reschedule (SEQUENCE + 1, the
 * reminder moved, members told), cancel (METHOD:CANCEL, room closed), and the refusals.
 */
import { expect, test } from 'bun:test';
import type { RoomView } from '@kino/shared/http/rooms';
import type { ReceivedMail } from '@kino/test-support/smtp-sink';
import { waitUntil } from '@kino/test-support/smtp-sink';
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { mailQueue } from '../../src/db/schema.ts';
import type { RoomEvent } from '../../src/live/types.ts';
import { call } from '../support/http.ts';
import type { SuiteContext } from './context.ts';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function eventOf(mail: ReceivedMail) {
  expect(mail.calendar).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(mail.calendar!.content));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), event: new ICAL.Event(vevent) };
}

export function scheduleTests(ctx: SuiteContext): void {
  // A cancel carries no link, only the calendar entry naming the room.
  const ofRoom = (roomId: string) => (m: ReceivedMail) =>
    m.text.includes(`/join/${roomId}`) || m.calendar?.content.includes(`screening-${roomId}@`);
  const mailsFor = async (roomId: string, count: number) => {
    await waitUntil(
      async () => (await ctx.env.delivered()).filter(ofRoom(roomId)).length >= count,
      5000,
      `${count} mails of room ${roomId}`,
    );
    return (await ctx.env.delivered()).filter(ofRoom(roomId));
  };
  /** Closing a scheduled room drops its reminders (later suites count an empty queue). */
  const close = async (roomId: string) => {
    await call(ctx.app(), 'POST', `/api/rooms/${roomId}/close`, { token: ctx.anna, body: {} });
    expect(await reminders(roomId)).toEqual([]);
  };
  const reminders = (roomId: string) =>
    ctx.env.deps.db
      .select()
      .from(mailQueue)
      .where(and(eq(mailQueue.roomId, roomId), eq(mailQueue.kind, 'reminder')));

  test('schedule: invites say when in each zone and carry a calendar that parses', async () => {
    const startsAt = Math.ceil((Date.now() + 60 * MINUTE) / 1000) * 1000;
    const created = await ctx.createRoom({
      filmId: 'night-train',
      invitees: ['boris', 'vera'],
      startsAt: iso(startsAt),
    });
    expect(created.status).toBe(201);
    expect(created.json.startsAt).toBe(iso(startsAt));
    expect(created.json.playback).toMatchObject({ playing: true, position: 0, at: startsAt });
    const mails = await mailsFor(created.json.id, 2);
    const boris = mails.find((m) => m.to === 'boris@kino.example')!;
    const vera = mails.find((m) => m.to === 'vera@kino.example')!;
    // Boris's profile says Yekaterinburg (UTC+5); Vera has no zone: Moscow for Russian. The
    // hour as the invite writes it ("0:07", "19:07": numeric, not two digits).
    const local = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('ru-RU', {
        timeZone: zone,
        hour: 'numeric',
        minute: '2-digit',
      }).format(ms);
    expect(boris.text).toContain(local(startsAt, 'Asia/Yekaterinburg'));
    expect(boris.text).toContain('Asia/Yekaterinburg, GMT+05:00');
    expect(vera.text).toContain(local(startsAt, 'Europe/Moscow'));
    expect(vera.text).toContain('Москва, GMT+03:00');
    for (const mail of [boris, vera]) {
      const { method, event } = eventOf(mail);
      expect(method).toBe('REQUEST');
      expect(event.uid).toBe(`screening-${created.json.id}@kino-vmeste.local`);
      expect(event.sequence).toBe(0);
      expect(event.startDate.toJSDate().getTime()).toBe(startsAt);
      expect(event.description).toContain(`/join/${created.json.id}`);
      expect(event.summary).toContain('Ночной поезд');
    }
    // The reminder waits in the queue for its moment (15 min before, by default).
    const [reminderA, reminderB] = await reminders(created.json.id);
    expect(reminderA?.status).toBe('pending');
    expect(reminderA?.nextAttemptAt.getTime()).toBe(startsAt - 15 * MINUTE);
    expect(reminderB?.subject).toContain('15');
    await close(created.json.id);
  });

  test('reschedule: new time with SEQUENCE 1, the reminder moves, members get the anchor', async () => {
    const first = Math.ceil((Date.now() + 90 * MINUTE) / 1000) * 1000;
    const room = (
      await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'], startsAt: iso(first) })
    ).json;
    await mailsFor(room.id, 1);
    const events: RoomEvent[] = [];
    // An observer instance watching the room, as an instance serving its members would.
    const unsubscribe = await ctx.env.deps.live.subscribe((e) => events.push(e), {
      instanceId: 'observer',
    });
    await ctx.env.deps.live.watchRoom(room.id, 'observer');
    const later = first + 30 * MINUTE;
    const path = `/api/rooms/${room.id}/schedule`;
    const byInvitee = await call(ctx.app(), 'POST', path, {
      token: ctx.boris,
      body: { startsAt: iso(later) },
    });
    expect(byInvitee.status).toBe(403);
    const moved = await call<RoomView>(ctx.app(), 'POST', path, {
      token: ctx.anna,
      body: { startsAt: iso(later) },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.startsAt).toBe(iso(later));
    const update = (await mailsFor(room.id, 2)).find(
      (m) => m.calendar && eventOf(m).event.sequence === 1,
    )!;
    expect(update.subject).toContain('Новое время');
    expect(eventOf(update).event.startDate.toJSDate().getTime()).toBe(later);
    expect(eventOf(update).event.uid).toBe(`screening-${room.id}@kino-vmeste.local`);
    const pending = await reminders(room.id);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.nextAttemptAt.getTime()).toBe(later - 15 * MINUTE);
    await waitUntil(() => events.some((e) => e.roomId === room.id), 2000, 'playback event');
    expect(events.find((e) => e.roomId === room.id)?.message).toEqual({
      type: 'playback',
      playback: { playing: true, position: 0, at: later, rate: 1, seq: 1 },
      cause: null,
    });
    await unsubscribe();
    await close(room.id);
  });

  test('cancel: METHOD:CANCEL with SEQUENCE + 1, reminders dropped, room closed', async () => {
    const startsAt = Math.ceil((Date.now() + 120 * MINUTE) / 1000) * 1000;
    const room = (
      await ctx.createRoom({ filmId: 'night-train', invitees: ['vera'], startsAt: iso(startsAt) })
    ).json;
    await mailsFor(room.id, 1);
    const cancelled = await call<RoomView>(
      ctx.app(),
      'POST',
      `/api/rooms/${room.id}/schedule/cancel`,
      {
        token: ctx.anna,
        body: {},
      },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.closedAt).not.toBeNull();
    const cancel = (await mailsFor(room.id, 2)).find((m) => m.calendar?.method === 'CANCEL');
    expect(cancel).toBeDefined();
    const { method, event } = eventOf(cancel!);
    expect(method).toBe('CANCEL');
    expect(event.sequence).toBe(1);
    expect(event.uid).toBe(`screening-${room.id}@kino-vmeste.local`);
    expect(await reminders(room.id)).toEqual([]);
    const again = await call(ctx.app(), 'POST', `/api/rooms/${room.id}/schedule/cancel`, {
      token: ctx.anna,
      body: {},
    });
    expect(again.status).toBe(409);
  });

  test('close before the start: the plain close cancels the screening in the calendars too', async () => {
    const startsAt = Math.ceil((Date.now() + 90 * MINUTE) / 1000) * 1000;
    const room = (
      await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'], startsAt: iso(startsAt) })
    ).json;
    await mailsFor(room.id, 1);
    const closed = await call<RoomView>(ctx.app(), 'POST', `/api/rooms/${room.id}/close`, {
      token: ctx.anna,
      body: {},
    });
    expect(closed.status).toBe(200);
    expect(closed.json.closedAt).not.toBeNull();
    const cancel = (await mailsFor(room.id, 2)).find((m) => m.calendar?.method === 'CANCEL');
    expect(cancel && eventOf(cancel).event.sequence).toBe(1);
    expect(await reminders(room.id)).toEqual([]);
    // Closing it again changes nothing and sends nothing more.
    const again = await call(ctx.app(), 'POST', `/api/rooms/${room.id}/close`, {
      token: ctx.anna,
      body: {},
    });
    expect(again.status).toBe(200);
    await Bun.sleep(300);
    expect((await ctx.env.delivered()).filter(ofRoom(room.id))).toHaveLength(2);
  });

  test('refused: a start in the past, too far, without an offset; moving an unscheduled room', async () => {
    const cases = [
      iso(Date.now() - MINUTE),
      iso(Date.now() + 31 * 24 * 60 * MINUTE),
      '2030-01-01T20:00:00',
    ];
    for (const startsAt of cases) {
      const res = await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'], startsAt });
      expect({ startsAt, status: res.status }).toEqual({ startsAt, status: 422 });
    }
    const now = (await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
    expect(now.startsAt).toBeNull();
    const move = await call(ctx.app(), 'POST', `/api/rooms/${now.id}/schedule`, {
      token: ctx.anna,
      body: { startsAt: iso(Date.now() + 60 * MINUTE) },
    });
    expect(move.status).toBe(409);
    expect((move.json as { code: string }).code).toBe('not_scheduled');
  });
}
