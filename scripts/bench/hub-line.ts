/**
 * What our realtime code costs per chat line, without sockets, kernel or Postgres: one Hub on
 * the in-memory live store and record, 200 rooms of 5 members whose sockets only count frames.
 * Each round sends one chat line per room (members take turns, rounds a second apart so no
 * budget is touched); then rounds with a ping from every socket too. Prints process CPU per
 * line. Compare with bench:load's server CPU per line (≈ 4 × its CPU per 1,000 deliveries /
 * 1,000): the difference is the kernel, Bun's runtime and the Postgres client.
 *
 *   bun scripts/bench/hub-line.ts [rounds]
 */
import { PROTOCOL_VERSION } from '@kino/shared/protocol';
import { createMemoryLiveState, createMemoryLiveStore } from '../../backend/src/live/memory.ts';
import { Hub } from '../../backend/src/realtime/hub.ts';
import type { HubSocket } from '../../backend/src/realtime/ports.ts';
import {
  createMemoryRecordState,
  createMemoryRoomRecord,
} from '../../backend/src/record/memory.ts';

const ROOMS = 200;
const ROOM_SIZE = 5;
const LINES_PER_SAMPLE = 5;
const rounds = Number(process.argv[2] ?? 8);

let frames = 0;
const channels = new Map<string, Set<string>>();
const hub = new Hub({
  publishToChannel: (channel) => {
    frames += channels.get(channel)?.size ?? 0;
  },
  live: createMemoryLiveStore(createMemoryLiveState()),
  record: createMemoryRoomRecord(createMemoryRecordState()),
  instanceId: 'i1',
  now: () => Date.now(),
  verifyToken: async (token) => ({ ok: true, user: { id: token, name: token } }),
  roomAccess: async (roomId, user) => ({
    ok: true,
    room: { id: roomId, filmId: 'night-train', ownerId: 'nobody' },
    isOwner: user.id === 'nobody',
  }),
  logError: (message, error) => console.error(message, error),
  recordPresence: async () => {},
});
await hub.start({ timers: false });

const socketIds: string[] = [];
for (let room = 0; room < ROOMS; room++) {
  for (let member = 0; member < ROOM_SIZE; member++) {
    const id = `s${room}_${member}`;
    const socket: HubSocket = {
      id,
      send: () => void frames++,
      close: () => {},
      subscribe: (channel) => {
        const members = channels.get(channel) ?? new Set<string>();
        members.add(id);
        channels.set(channel, members);
      },
      unsubscribe: (channel) => void channels.get(channel)?.delete(id),
    };
    hub.open(socket);
    const hello = {
      type: 'hello',
      v: PROTOCOL_VERSION,
      token: `u${room}_${member}`,
      roomId: `room${room}`,
      clientId: `client-${room}-${member}-0001`,
    };
    hub.message(id, JSON.stringify(hello));
    socketIds.push(id);
  }
}
await Bun.sleep(300);

let turn = 0;
async function sample(withPings: boolean): Promise<{ lines: number; cpuMs: number }> {
  const before = process.cpuUsage();
  const lines = withPings ? 1 : LINES_PER_SAMPLE;
  for (let i = 0; i < lines; i++, turn++) {
    for (let room = 0; room < ROOMS; room++) {
      const id = socketIds[room * ROOM_SIZE + (turn % ROOM_SIZE)]!;
      const text = `line ${turn} from ${id}, as a person would type it`;
      hub.message(id, JSON.stringify({ type: 'chat', id: `line-${room}-${turn}-0000`, text }));
    }
    if (withPings) {
      for (const id of socketIds)
        hub.message(id, JSON.stringify({ type: 'ping', id: turn, t0: 0 }));
    }
    await Bun.sleep(1);
  }
  await Bun.sleep(20);
  const used = process.cpuUsage(before);
  // Each person sends at most one line a second: far under the chat budget.
  await Bun.sleep(1_050);
  return { lines: lines * ROOMS, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (let i = 0; i < 3; i++) await sample(false); // JIT warm-up
const framesBefore = frames;
const perLine: number[] = [];
for (let i = 0; i < rounds; i++) {
  const { lines, cpuMs } = await sample(false);
  perLine.push((cpuMs * 1000) / lines);
}
const framesPerLine = (frames - framesBefore) / (rounds * LINES_PER_SAMPLE * ROOMS);
const withPings: number[] = [];
for (let i = 0; i < rounds; i++) {
  const { lines, cpuMs } = await sample(true);
  withPings.push((cpuMs * 1000) / lines);
}
const linesOnly = median(perLine);
const perPing = (median(withPings) - linesOnly) / ROOM_SIZE;
console.log(
  `hub CPU per chat line: median ${linesOnly.toFixed(1)} µs of ${rounds} samples ` +
    `(${framesPerLine.toFixed(1)} frames each); per ping ≈ ${perPing.toFixed(1)} µs`,
);
process.exit(0);
