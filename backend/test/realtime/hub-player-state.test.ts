/**
 * A member's player not following the room (an ad in the page's video, no video found) is
 * shown to everyone in presence, per person across tabs, and taken back when it follows
 * again; it changes nothing about playback by itself.
 */
import { afterEach, expect, test } from 'bun:test';
import {
  joined,
  protocolViolations,
  settle,
  startMemoryInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

test('in an ad, then following again: everyone sees it; no playback change', async () => {
  const instance = await startMemoryInstance();
  const anna = await joined(instance, 'anna');
  const boris = await joined(instance, 'boris');
  const shown = () =>
    anna
      .ofType('presence')
      .at(-1)
      ?.participants.find((p) => p.userId === 'boris')?.player;
  anna.clear();
  boris.push({ type: 'player', state: 'ad' });
  await until(() => shown() === 'ad', 'boris in an ad');
  boris.push({ type: 'player', state: 'ad' }); // repeated: nothing new
  boris.push({ type: 'player', state: 'none' });
  await until(() => shown() === 'none', 'boris without a player');
  boris.push({ type: 'player', state: 'attached' });
  await until(() => anna.ofType('presence').length === 3 && shown() === undefined, 'following');
  await settle();
  expect(anna.ofType('presence')).toHaveLength(3);
  expect(anna.ofType('playback')).toEqual([]);
});

test('a person follows the room when any of their tabs does', async () => {
  const instance = await startMemoryInstance();
  const anna = await joined(instance, 'anna');
  const tab1 = await joined(instance, 'boris', { clientId: 'boris-tab-0001' });
  const tab2 = await joined(instance, 'boris', { clientId: 'boris-tab-0002' });
  const shown = () =>
    anna
      .ofType('presence')
      .at(-1)
      ?.participants.find((p) => p.userId === 'boris');
  tab1.push({ type: 'player', state: 'ad' });
  await settle();
  expect(shown()?.player).toBeUndefined();
  tab2.push({ type: 'player', state: 'none' });
  await until(() => shown()?.player === 'ad', 'no tab follows: the ad shows');
});

test('an unknown player state is refused as an invalid message', async () => {
  const instance = await startMemoryInstance();
  const anna = await joined(instance, 'anna');
  anna.clear();
  anna.push({ type: 'player', state: 'paused' });
  await until(() => anna.ofType('error').length === 1, 'an error');
  expect(anna.ofType('error')[0]?.code).toBe('invalid_message');
});
