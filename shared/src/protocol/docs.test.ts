/** shared/PROTOCOL.md quotes the limits; this keeps it true when one of them changes. */
import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { KNOCK_POLICY } from '../knock/policy.ts';
import { ABUSE_POLICY } from '../room/abuse.ts';
import { BUFFER_HOLD_POLICY } from '../room/buffering.ts';
import { ROOM_CAPACITY } from '../room/presence.ts';
import { RATE_LIMITS } from '../room/rate-limit.ts';
import { ERROR_CODES } from './errors.ts';
import { MAX_CLIENT_FRAME_BYTES, MAX_SERVER_FRAME_BYTES } from './frame-budget.ts';
import { CHAT_TEXT_MAX } from './primitives.ts';

const doc = readFileSync(new URL('../../PROTOCOL.md', import.meta.url), 'utf8');
/** 16384 → "16 384", as the page writes numbers. */
const spaced = (n: number) => n.toLocaleString('en-US').replaceAll(',', ' ');

test('frame limits', () => {
  expect(doc).toContain(`at most **${spaced(MAX_CLIENT_FRAME_BYTES)}** bytes`);
  expect(doc).toContain(`Frames: ${spaced(MAX_SERVER_FRAME_BYTES)} bytes each way`);
  expect(doc).toContain(`Chat: ${CHAT_TEXT_MAX} characters`);
});

test('rate limits and abuse', () => {
  const { chat, command, other } = RATE_LIMITS;
  expect(doc).toContain(`chat and reactions ${chat.perSecond}/s, burst ${chat.burst}`);
  expect(doc).toContain(`${command.perSecond}/s, burst ${command.burst}`);
  expect(doc).toContain(`anything else ${other.perSecond}/s, burst ${other.burst}`);
  expect(doc).toContain(
    `Abuse: ${ABUSE_POLICY.maxViolations} rejected frames within ${ABUSE_POLICY.windowMs / 1000} s`,
  );
});

test('room capacity and buffering holds', () => {
  expect(doc).toContain(
    `A room: ${ROOM_CAPACITY.maxMembers} people, ${ROOM_CAPACITY.maxConnectionsPerMember} connections each`,
  );
  expect(doc).toContain(`after **${BUFFER_HOLD_POLICY.maxHoldMs / 1000} s** whatever they report`);
  expect(doc).toContain(
    `at most **${BUFFER_HOLD_POLICY.maxHoldsPerWindow}** times per **${BUFFER_HOLD_POLICY.windowMs / 60_000} minutes**`,
  );
});

test('every error code is explained', () => {
  for (const code of ERROR_CODES) expect(doc).toContain(`| \`${code}\``);
});

test('knock to join', () => {
  const { ttlMs, maxAttempts, attemptWindowMs, maxPendingPerRoom, maxFriendOf } = KNOCK_POLICY;
  expect(doc).toContain(`expires after **${ttlMs / 60_000} minutes**`);
  expect(doc).toContain(
    `at most **${maxAttempts}** times per **${attemptWindowMs / 60_000} minutes**`,
  );
  expect(doc).toContain(`at most **${maxPendingPerRoom}** pending requests`);
  expect(doc).toContain(`names up to **${maxFriendOf}** room members`);
});
