/**
 * Knock to join and revoking a member over real servers, run on both stacks: embedded
 * (PGlite + in-process live store, one instance) and production (Postgres + Redis, the owner
 * on one instance and everyone else on another, so knocks and revocations cross the bus).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { KNOCK_POLICY } from '@kino/shared/knock/policy';
import type { KnockStatusReply, ServerMessageOf } from '@kino/shared/protocol';
import { and, eq } from 'drizzle-orm';
import { roomInvitees, roomKnocks, roomRevocations } from '../../src/db/schema.ts';
import type { RunningBackend } from '../../src/main.ts';
import { CLOSE } from '../../src/realtime/limits.ts';
import { createRoom, tokenFor, WsClient, wireViolations } from '../realtime/servers.support.ts';

export interface KnockStack {
  /** The owner's instance and everyone else's (the same one on the embedded stack). */
  owner: RunningBackend;
  other: RunningBackend;
}

export interface KnockHarness {
  start(): Promise<KnockStack>;
  /** Every instance stops and new ones start on the same stores. */
  restart(): Promise<KnockStack>;
  dispose(): Promise<void>;
}

type Reply = KnockStatusReply & { code?: string };

async function api(
  backend: RunningBackend,
  method: 'GET' | 'POST',
  path: string,
  token: string,
): Promise<{ status: number; body: Reply; retryAfter: string | null }> {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as Reply,
    retryAfter: response.headers.get('retry-after'),
  };
}

const knocksOf = (client: WsClient) => client.ofType('knocks').at(-1)?.requests ?? null;

export function knockSuite(name: string, harness: KnockHarness): void {
  describe(`knock to join: ${name}`, () => {
    let stack: KnockStack;
    const tokens: Record<string, string> = {};
    const knock = (user: string, roomId: string, method: 'GET' | 'POST' = 'POST') =>
      api(stack.other, method, `/api/rooms/${roomId}/knock`, tokens[user] as string);

    beforeAll(async () => {
      stack = await harness.start();
      for (const [id, name] of [
        ['anna', 'Анна'],
        ['boris', 'Борис'],
        ['vera', 'Вера'],
        ['gleb', 'Глеб'],
        ['dasha', 'Даша'],
      ] as const) {
        tokens[id] = await tokenFor(id, name);
      }
    }, 60_000);

    afterAll(async () => {
      await harness.dispose();
      expect(wireViolations).toEqual([]);
    }, 30_000);

    test('knock → the owner (only) sees who and whose friend → approve → in at the room moment', async () => {
      const roomId = await createRoom(stack.owner, tokens.anna as string, ['boris', 'vera']);
      const anna = await WsClient.join(stack.owner, { token: tokens.anna as string, roomId });
      const boris = await WsClient.join(stack.other, { token: tokens.boris as string, roomId });
      anna.send({ type: 'play', baseSeq: 0, position: 0 });
      await boris.waitFor((m) => m.type === 'playback', 'play');

      // Not invited: the door is shut.
      const shut = await WsClient.join(stack.other, { token: tokens.gleb as string, roomId });
      expect(shut.ofType('error')[0]).toMatchObject({ code: 'forbidden', fatal: true });

      const first = await knock('gleb', roomId);
      expect(first.status).toBe(201);
      expect(first.body.status).toBe('pending');
      expect(first.body.expiresAt - first.body.serverTime).toBe(KNOCK_POLICY.ttlMs);
      // Knocking again is the same request.
      const again = await knock('gleb', roomId);
      expect(again.status).toBe(200);
      expect(again.body.expiresAt).toBe(first.body.expiresAt);

      await anna.waitFor((m) => m.type === 'knocks' && m.requests.length === 1, 'knocks');
      expect(knocksOf(anna)).toEqual([
        {
          userId: 'gleb',
          name: 'Глеб',
          friendOf: ['Анна'],
          at: first.body.expiresAt - KNOCK_POLICY.ttlMs,
          expiresAt: first.body.expiresAt,
        },
      ]);

      // A member who is not the owner neither sees requests nor may answer them.
      boris.send({ type: 'knock-answer', userId: 'gleb', approve: true });
      await boris.waitFor((m) => m.type === 'error', 'not_allowed');
      expect(boris.ofType('error')[0]).toMatchObject({ code: 'not_allowed', ref: 'knock-answer' });
      expect(boris.ofType('knocks')).toEqual([]);
      expect((await knock('gleb', roomId, 'GET')).body.status).toBe('pending');

      anna.send({ type: 'knock-answer', id: 'answer-gleb-1', userId: 'gleb', approve: true });
      await anna.waitFor((m) => m.type === 'knocks' && m.requests.length === 0, 'empty knocks');
      expect((await knock('gleb', roomId, 'GET')).body.status).toBe('approved');
      // Recorded with the room's invitees in Postgres.
      const [row] = await stack.owner.deps.db
        .select()
        .from(roomInvitees)
        .where(and(eq(roomInvitees.roomId, roomId), eq(roomInvitees.userId, 'gleb')));
      expect(row).toMatchObject({ name: 'Глеб', email: 'gleb@kino.example' });

      const gleb = await WsClient.join(stack.other, { token: tokens.gleb as string, roomId });
      const welcome = gleb.ofType('welcome')[0] as ServerMessageOf<'welcome'>;
      const owners = anna.ofType('playback').at(-1)?.playback;
      expect(welcome.playback).toEqual(owners as NonNullable<typeof owners>);
      expect(welcome.playback.playing).toBe(true);
      await anna.waitFor((m) => m.type === 'presence' && m.event?.userId === 'gleb', 'gleb joins');
      // Answering an answered request: gone.
      anna.send({ type: 'knock-answer', id: 'answer-gleb-2', userId: 'gleb', approve: false });
      await anna.waitFor((m) => m.type === 'error' && m.ref === 'answer-gleb-2', 'knock_gone');
      expect(anna.ofType('error').at(-1)?.code).toBe('knock_gone');
      for (const c of [anna, boris, gleb]) c.close();
    });

    test('decline, then the per-room rate limit; members and strangers get clear refusals', async () => {
      const roomId = await createRoom(stack.owner, tokens.anna as string, ['vera']);
      const anna = await WsClient.join(stack.owner, { token: tokens.anna as string, roomId });
      for (let i = 0; i < KNOCK_POLICY.maxAttempts; i++) {
        const asked = await knock('dasha', roomId);
        expect(asked.status).toBe(201);
        await anna.waitFor(
          (m) => m.type === 'knocks' && m.requests.some((r) => r.userId === 'dasha'),
          'dasha knocking',
        );
        // Dasha is Vera's friend, and Vera is invited.
        expect(knocksOf(anna)?.[0]?.friendOf).toEqual(['Вера']);
        anna.clear();
        anna.send({ type: 'knock-answer', userId: 'dasha', approve: false });
        await anna.waitFor((m) => m.type === 'knocks' && m.requests.length === 0, 'declined');
        anna.clear();
        expect((await knock('dasha', roomId, 'GET')).body.status).toBe('declined');
      }
      const refused = await knock('dasha', roomId);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('knock_rate_limited');
      expect(Number(refused.retryAfter)).toBeGreaterThan(KNOCK_POLICY.attemptWindowMs / 1000 - 60);
      const stillOut = await WsClient.join(stack.other, { token: tokens.dasha as string, roomId });
      expect(stillOut.ofType('error')[0]?.code).toBe('forbidden');

      expect((await knock('vera', roomId)).body.code).toBe('already_member');
      expect((await knock('anna', roomId)).status).toBe(409);
      expect((await knock('gleb', 'no-such-room')).body.code).toBe('room_not_found');
      expect((await knock('gleb', roomId, 'GET')).body.code).toBe('knock_not_found');
      anna.close();
    });

    test('revoke: the member is told and closed (4003), and no door lets them back', async () => {
      const roomId = await createRoom(stack.owner, tokens.anna as string, ['boris', 'vera']);
      const anna = await WsClient.join(stack.owner, { token: tokens.anna as string, roomId });
      const boris = await WsClient.join(stack.other, { token: tokens.boris as string, roomId });
      const vera = await WsClient.join(stack.other, { token: tokens.vera as string, roomId });

      vera.send({ type: 'revoke', userId: 'boris' });
      await vera.waitFor((m) => m.type === 'error', 'not_allowed');
      expect(vera.ofType('error')[0]?.code).toBe('not_allowed');
      anna.send({ type: 'revoke', id: 'revoke-self', userId: 'anna' });
      await anna.waitFor((m) => m.type === 'error' && m.ref === 'revoke-self', 'self');

      anna.send({ type: 'revoke', userId: 'boris' });
      expect(await boris.closed).toEqual({ code: CLOSE.denied, reason: 'removed by the owner' });
      expect(boris.ofType('error').at(-1)).toMatchObject({ code: 'revoked', fatal: true });
      await anna.waitFor(
        (m) => m.type === 'presence' && m.event?.kind === 'leave' && m.event.userId === 'boris',
        'boris leaves',
      );
      expect(vera.isOpen).toBe(true);

      const back = await WsClient.join(stack.other, { token: tokens.boris as string, roomId });
      expect(back.ofType('error')[0]).toMatchObject({ code: 'revoked', fatal: true });
      expect(await back.closed).toMatchObject({ code: CLOSE.denied });
      expect((await knock('boris', roomId)).body.code).toBe('room_revoked');
      const read = await api(stack.other, 'GET', `/api/rooms/${roomId}`, tokens.boris as string);
      expect(read.status).toBe(403);
      expect(read.body.code).toBe('room_revoked');
      const [revoked] = await stack.owner.deps.db
        .select()
        .from(roomRevocations)
        .where(eq(roomRevocations.roomId, roomId));
      expect(revoked).toMatchObject({ userId: 'boris', revokedBy: 'anna' });
      anna.close();
      vera.close();
    });

    test('a pending knock survives a restart of every backend; unanswered, it expires', async () => {
      const roomId = await createRoom(stack.owner, tokens.anna as string, []);
      expect((await knock('gleb', roomId)).status).toBe(201);
      stack = await harness.restart();

      const anna = await WsClient.join(stack.owner, { token: tokens.anna as string, roomId });
      await anna.waitFor((m) => m.type === 'knocks', 'knocks after welcome');
      expect(knocksOf(anna)?.map((r) => r.userId)).toEqual(['gleb']);
      expect(anna.received.findIndex((m) => m.type === 'knocks')).toBeGreaterThan(
        anna.received.findIndex((m) => m.type === 'welcome'),
      );

      // Ten minutes pass (the row's expiry moved instead of the clock).
      await stack.owner.deps.db
        .update(roomKnocks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(roomKnocks.roomId, roomId));
      expect((await knock('gleb', roomId, 'GET')).body.status).toBe('expired');
      anna.send({ type: 'knock-answer', id: 'answer-late', userId: 'gleb', approve: true });
      await anna.waitFor((m) => m.type === 'error' && m.ref === 'answer-late', 'knock_gone');
      expect(anna.ofType('error').at(-1)?.code).toBe('knock_gone');
      expect(knocksOf(anna)).toEqual([]);
      const out = await WsClient.join(stack.other, { token: tokens.gleb as string, roomId });
      expect(out.ofType('error')[0]?.code).toBe('forbidden');
      anna.close();
    }, 30_000);
  });
}
