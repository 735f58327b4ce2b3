/** ARCHITECTURE.md and PROTOCOL.md quote the timeline's bounds: they are checked against the code. */
import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import {
  MAX_ROOM_REACTIONS,
  MAX_WINDOW_SEC,
  REPLAY_LANDING_LEAD_SEC,
  REPLAY_MAX_BURST,
  REPLAY_MAX_HELD,
  REPLAY_MAX_PAGES,
  REPLAY_WINDOW,
  TIMELINE_BINS,
  WINDOW_PAGE_DEFAULT,
  WINDOW_PAGE_MAX,
} from '../reactions.ts';

const root = new URL('../../..', import.meta.url).pathname;
const architecture = readFileSync(`${root}ARCHITECTURE.md`, 'utf8');
const protocol = readFileSync(`${root}shared/PROTOCOL.md`, 'utf8');
const thousands = (n: number) => n.toLocaleString('en-US');

test('ARCHITECTURE.md states the timeline bounds the code enforces', () => {
  const section = architecture.slice(architecture.indexOf('## Reaction timeline'));
  expect(section).toContain(`(${thousands(MAX_ROOM_REACTIONS)};`);
  expect(section).toContain(`${TIMELINE_BINS} bins`);
  expect(section).toContain(`pages of ≤ ${WINDOW_PAGE_MAX} reactions`);
  expect(section).toContain(
    `window of ${REPLAY_WINDOW.behindSec} s behind to ${REPLAY_WINDOW.aheadSec} s ahead`,
  );
  expect(section).toContain(`≤ ${REPLAY_MAX_PAGES} pages, ≤ ${REPLAY_MAX_HELD} reactions`);
  expect(section).toContain(`at most ${REPLAY_MAX_BURST} at once`);
  expect(section).toContain(`from ${REPLAY_LANDING_LEAD_SEC} s before where the player landed`);
  expect(architecture).toContain(`exactly ${TIMELINE_BINS} bins`);
  expect(architecture).toContain(`a window of at most ${MAX_WINDOW_SEC} s`);
  expect(architecture).toContain(`≤ ${WINDOW_PAGE_MAX}, default\n  ${WINDOW_PAGE_DEFAULT})`);
});

test('PROTOCOL.md states the per-room reaction limit', () => {
  expect(protocol).toContain(`at most ${thousands(MAX_ROOM_REACTIONS)} reactions`);
});
