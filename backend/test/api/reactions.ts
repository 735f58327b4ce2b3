/**
 * The room's reaction timeline over HTTP: histogram and window pages against the reference
 * in shared (selectWindowPage, histogramFromCounts), bounds on a 2-hour film with thousands
 * of reactions, access, and refused queries.
 */
import { expect, test } from 'bun:test';
import { jsonBytes, MAX_SERVER_FRAME_BYTES, REACTIONS, type Reaction } from '@kino/shared/protocol';
import {
  countReactions,
  type Histogram,
  histogramFromCounts,
  selectWindowPage,
  TIMELINE_BINS,
  type TimelineReaction,
  type WindowPage,
  type WindowQuery,
} from '@kino/shared/reactions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import { eq } from 'drizzle-orm';
import { roomChat, roomLive } from '../../src/db/schema.ts';
import type { ErrorBody } from '../../src/http/errors.ts';
import { createRoomRecord } from '../../src/record/index.ts';
import { call } from '../support/http.ts';
import type { SuiteContext } from './context.ts';

const TWO_HOURS = 7200;

const queryString = (query: WindowQuery) =>
  Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

export function reactionTimelineTests(ctx: SuiteContext): void {
  const get = <T>(path: string, token = ctx.anna) =>
    call<T & Partial<ErrorBody>>(ctx.app(), 'GET', path, { token });

  async function roomWith(reactions: TimelineReaction[]): Promise<string> {
    const res = await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] });
    expect(res.status).toBe(201);
    const roomId = res.json.id;
    // A few through the record as the hub stores them, the rest in batches (seeding only).
    const record = createRoomRecord(ctx.env.deps.db, ctx.env.deps.dbKind);
    const initial = {
      playback: initialPlayback(0),
      settings: { controlMode: 'everyone' as const, bufferPolicy: 'wait' as const },
    };
    const head = reactions.slice(0, 5);
    for (const r of head) {
      const stored = await record.appendChat(
        roomId,
        {
          id: r.id,
          kind: 'reaction',
          userId: r.userId,
          name: r.name,
          text: r.emoji,
          at: 1,
          position: r.position,
        },
        initial,
      );
      r.cursor = stored.message.cursor;
    }
    const rest = reactions.slice(head.length);
    for (let i = 0; i < rest.length; i += 500) {
      await ctx.env.deps.db.insert(roomChat).values(
        rest.slice(i, i + 500).map((r) => ({
          roomId,
          cursor: r.cursor,
          id: r.id,
          kind: 'reaction',
          userId: r.userId,
          name: r.name,
          text: r.emoji,
          at: 1,
          position: r.position,
        })),
      );
    }
    // The counters as if the hub had stored them all.
    await ctx.env.deps.db
      .update(roomLive)
      .set({
        chatCursor: Math.max(...reactions.map((r) => r.cursor)),
        reactionCount: reactions.length,
      })
      .where(eq(roomLive.roomId, roomId));
    // A chat line in the middle is no reaction.
    await record.appendChat(
      roomId,
      {
        id: 'm_not_a_reaction',
        kind: 'text',
        userId: 'anna',
        name: 'Анна',
        text: 'ха',
        at: 1,
        position: 30,
      },
      initial,
    );
    return roomId;
  }

  /** 3,000 reactions over two hours: a steady trickle, bursts, equal positions (ties). */
  function twoHoursOfReactions(): TimelineReaction[] {
    return Array.from({ length: 3000 }, (_, i) => ({
      id: `r_seed_${String(i).padStart(6, '0')}`,
      cursor: i + 1,
      emoji: REACTIONS[(i * 7) % REACTIONS.length] as Reaction,
      position: i % 5 === 0 ? 600 : Math.round(((i * 2.4) % TWO_HOURS) * 10) / 10,
      userId: i % 2 ? 'anna' : 'boris',
      name: i % 2 ? 'Анна' : 'Борис',
    }));
  }

  test('reaction timeline: the histogram is TIMELINE_BINS bins matching the reference', async () => {
    const reactions = twoHoursOfReactions();
    const roomId = await roomWith(reactions);
    const res = await get<Histogram>(
      `/api/rooms/${roomId}/reactions/histogram?duration=${TWO_HOURS}`,
    );
    expect(res.status).toBe(200);
    expect(res.json.bins).toHaveLength(TIMELINE_BINS);
    expect(res.json).toEqual(histogramFromCounts(countReactions(reactions, TWO_HOURS), TWO_HOURS));
    expect(res.json.total).toBe(3000);
    expect(jsonBytes(res.json)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
    // An invitee reads it too; someone not invited does not.
    expect(
      (await get(`/api/rooms/${roomId}/reactions/histogram?duration=60`, ctx.boris)).status,
    ).toBe(200);
    const stranger = await get(`/api/rooms/${roomId}/reactions/histogram?duration=60`, ctx.dasha);
    expect(stranger.status).toBe(403);
    expect(stranger.json.code).toBe('room_forbidden');
  }, 60_000);

  test('reaction timeline: window pages walk a busy film in order, each within a frame', async () => {
    const reactions = twoHoursOfReactions();
    const roomId = await roomWith(reactions);
    // The busiest window: 600 reactions at exactly 10:00 plus the trickle, paged by 100.
    let query: WindowQuery = { from: 590, to: 720, limit: 100 };
    const seen: number[] = [];
    for (let page = 0; page < 20; page++) {
      const res = await get<WindowPage>(
        `/api/rooms/${roomId}/reactions?${queryString(query)}`,
        ctx.boris,
      );
      expect(res.status).toBe(200);
      expect(res.json).toEqual(selectWindowPage(reactions, query));
      expect(res.json.reactions.length).toBeLessThanOrEqual(100);
      expect(new TextEncoder().encode(res.text).byteLength).toBeLessThanOrEqual(
        MAX_SERVER_FRAME_BYTES,
      );
      seen.push(...res.json.reactions.map((r) => r.cursor));
      if (!res.json.next) break;
      query = { ...query, from: res.json.next.position, afterCursor: res.json.next.cursor };
    }
    const expected = reactions
      .filter((r) => r.position >= 590 && r.position < 720)
      .sort((a, b) => a.position - b.position || a.cursor - b.cursor)
      .map((r) => r.cursor);
    expect(expected.length).toBeGreaterThan(600);
    expect(seen).toEqual(expected);
  }, 60_000);

  test('reaction timeline: refused queries say which parameter, and why', async () => {
    const roomId = (await ctx.createRoom({ filmId: 'night-train', invitees: [] })).json.id;
    const cases: [string, string][] = [
      ['reactions/histogram', 'duration: '],
      ['reactions/histogram?duration=abc', 'duration: expected a decimal number'],
      ['reactions/histogram?duration=0', 'duration: '],
      ['reactions/histogram?duration=60&bins=999', 'bins: unknown parameter'],
      ['reactions?from=100&to=50', 'to: must be greater than from'],
      ['reactions?from=0&to=3600', 'to: a window spans at most 600 s'],
      ['reactions?from=0&to=60&limit=5000', 'limit: '],
      ['reactions?from=0&to=60&from=1', 'from: given more than once'],
    ];
    for (const [path, message] of cases) {
      const res = await get(`/api/rooms/${roomId}/${path}`);
      expect([path, res.status, res.json.code]).toEqual([path, 422, 'invalid_query']);
      expect(res.json.error?.startsWith(message)).toBe(true);
    }
    expect((await get(`/api/rooms/no-such-room-at-all/reactions?from=0&to=1`)).status).toBe(404);
    const anonymous = await call(ctx.app(), 'GET', `/api/rooms/${roomId}/reactions?from=0&to=1`);
    expect(anonymous.status).toBe(401);
  });

  test('reaction timeline: a closed room keeps its timeline for its members', async () => {
    // Positions 2.4 … 45.6 s, and 10:00 for every fifth.
    const reactions = twoHoursOfReactions().slice(1, 21);
    const roomId = await roomWith(reactions);
    const closed = await call(ctx.app(), 'POST', `/api/rooms/${roomId}/close`, {
      token: ctx.anna,
      body: {},
    });
    expect(closed.status).toBe(200);
    const res = await get<WindowPage>(
      `/api/rooms/${roomId}/reactions?from=0.5&to=600.5`,
      ctx.boris,
    );
    expect(res.status).toBe(200);
    expect(res.json.reactions).toHaveLength(20);
    expect(res.json.next).toBeNull();
  });
}
