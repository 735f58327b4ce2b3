import { describe, expect, test } from 'bun:test';
import { seededRandom } from '../schedule.ts';
import { newPhaseStats, RoomSim } from './room-sim.ts';
import type { Link } from './transport.ts';

interface Sent {
  member: number;
  kind: 'chat' | 'command';
  key: string;
}

/** Links that record what was sent instead of touching a socket. */
/** A manual clock: the sim must never read the real one (it did, and this test flaked). */
const clock = { now: 0 };

function fakeRoom(size: number) {
  const sent: Sent[] = [];
  const sim = new RoomSim({ index: 7, id: 'room-7', size }, seededRandom(5), () => clock.now);
  for (let m = 0; m < size; m++) {
    const link: Link = {
      sendChat: (key) => void sent.push({ member: m, kind: 'chat', key }),
      sendCommand: (_action, baseSeq) => {
        const key = `seq:${baseSeq + 1}`;
        sent.push({ member: m, kind: 'command', key });
        return key;
      },
      isOpen: () => sim.links[m] !== null,
      close: () => {},
    };
    sim.links[m] = link;
  }
  return { sim, sent };
}

const rates = { chatEveryMs: 3_000, commandEveryMs: 10_000 };

describe('simulated room', () => {
  test('a chat line waits for every other member; echoes and strays are told apart', () => {
    const { sim, sent } = fakeRoom(5);
    sim.stats = newPhaseStats('realistic');
    sim.startRealistic(0, rates);
    sim.realisticTick(20_000, rates); // both a chat line and a command are due
    const chat = sent.find((s) => s.kind === 'chat')!;
    expect(sent.map((s) => s.kind).sort()).toEqual(['chat', 'command']);
    const others = [0, 1, 2, 3, 4].filter((m) => m !== chat.member);
    sim.eventsFor(chat.member).delivered(chat.key, true);
    for (const m of others.slice(0, 3)) sim.eventsFor(m).delivered(chat.key, false);
    sim.eventsFor(others[0]!).delivered('bench_7_999', false);
    expect(sim.stats.delivered).toBe(3);
    expect(sim.stats.echoes).toBe(1);
    expect(sim.stats.unmatched).toBe(1);
    expect(sim.stats.latency.count).toBe(3);
    expect(sim.stats.timeline.reduce((n, s) => n + s.count, 0)).toBe(3);
    // One member never got the chat line, four never got the command.
    expect(sim.settle()).toBe(1 + 4);
    expect(sim.inFlightCount).toBe(0);
  });

  test('commands carry the newest seq seen; a stale refusal stops the wait for it', () => {
    const { sim, sent } = fakeRoom(3);
    sim.stats = newPhaseStats('realistic');
    sim.eventsFor(1).seq(41);
    sim.eventsFor(2).seq(40);
    sim.startRealistic(0, { chatEveryMs: 1e9, commandEveryMs: 1 });
    sim.realisticTick(10, rates);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.key).toBe('seq:42');
    sim.eventsFor(sent[0]!.member).error('stale', 'seq:42');
    expect(sim.stats.errors).toEqual({ 'error:stale': 1 });
    expect(sim.settle()).toBe(0);
  });

  test('nothing is sent to a room whose other members are gone, nor after the phase', () => {
    const { sim, sent } = fakeRoom(2);
    sim.stats = newPhaseStats('realistic');
    sim.eventsFor(1).closedUnexpectedly('1006');
    expect(sim.stats.unexpectedCloses).toBe(1);
    sim.startRealistic(0, rates);
    sim.realisticTick(60_000, rates);
    expect(sent).toHaveLength(0);
    const fresh = fakeRoom(3);
    fresh.sim.stats = newPhaseStats('realistic');
    fresh.sim.startRealistic(0, rates);
    fresh.sim.stopSending();
    fresh.sim.realisticTick(60_000, rates);
    expect(fresh.sent).toHaveLength(0);
  });

  test('saturation keeps one line in flight and sends the next as soon as it landed', () => {
    const { sim, sent } = fakeRoom(3);
    sim.stats = newPhaseStats('saturation');
    sim.startSaturation(0, 0);
    sim.saturatedTick(clock.now, 0);
    sim.saturatedTick(clock.now, 0);
    expect(sent.map((s) => s.member)).toEqual([0]);
    sim.eventsFor(1).delivered(sent[0]!.key, false);
    expect(sent).toHaveLength(1);
    sim.eventsFor(2).delivered(sent[0]!.key, false);
    // Landed everywhere: member 1's turn, at once.
    expect(sent.map((s) => s.member)).toEqual([0, 1]);
  });

  test('saturation respects the per-connection gap', () => {
    const { sim, sent } = fakeRoom(2);
    sim.stats = newPhaseStats('saturation');
    sim.startSaturation(0, 1_000);
    clock.now = 5_000;
    sim.saturatedTick(5_000, 1_000);
    clock.now = 5_010; // member 1 has not sent yet: may send as soon as 0's line landed
    sim.eventsFor(1).delivered(sent[0]!.key, false);
    sim.saturatedTick(5_010, 1_000);
    clock.now = 5_020; // member 0 sent at 5,000: must wait until 6,000
    sim.eventsFor(0).delivered(sent[1]!.key, false);
    sim.saturatedTick(5_020, 1_000);
    expect(sent.map((s) => s.member)).toEqual([0, 1]);
    clock.now = 6_000;
    sim.saturatedTick(6_000, 1_000);
    expect(sent.map((s) => s.member)).toEqual([0, 1, 0]);
  });
});
