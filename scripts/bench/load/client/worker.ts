import { seededRandom } from '../schedule.ts';
import type {
  ConnectReport,
  FromWorker,
  Phase,
  ToWorker,
  Wire,
  WorkerAssignment,
} from '../types.ts';
import { connectBare } from './bare-wire.ts';
import { connectKino } from './kino-wire.ts';
import { newPhaseStats, RoomSim } from './room-sim.ts';
import { connectSocketIo } from './socketio-wire.ts';
import { type Connect, withTimeout } from './transport.ts';

const JOIN_TIMEOUT_MS = 20_000;
/** After a phase stops sending, how long a late message may still arrive before it counts as lost. */
const GRACE_MS = 10_000;
const TICK_MS = 5;
/** Saturation: a message not delivered to all within this long stops blocking its room. */
const UNSTICK_MS = 2_000;

const WIRES: Record<Wire, Connect> = {
  kino: connectKino,
  bare: connectBare,
  socketio: connectSocketIo,
};

const reply = (message: FromWorker) => process.send?.(message);

let rooms: RoomSim[] = [];
let assignment: WorkerAssignment | null = null;

async function connectAll(job: WorkerAssignment): Promise<ConnectReport> {
  const started = performance.now();
  const rng = seededRandom(job.seed);
  rooms = job.rooms.map((room) => new RoomSim(room, rng));
  const tasks = rooms.flatMap((sim) => sim.links.map((_, m) => ({ sim, m })));
  const report: ConnectReport = {
    attempted: tasks.length,
    connected: 0,
    failed: 0,
    samples: [],
    elapsedMs: 0,
  };
  let next = 0;
  const connect = WIRES[job.wire];
  async function lane(): Promise<void> {
    for (let task = tasks[next++]; task; task = tasks[next++]) {
      const { sim, m } = task;
      const spec = {
        url: job.urls[(job.placement === 'room' ? sim.room.index : m) % job.urls.length]!,
        roomId: sim.room.id,
        roomIndex: sim.room.index,
        memberIndex: m,
      };
      try {
        sim.links[m] = await withTimeout(connect(spec, sim.eventsFor(m)), JOIN_TIMEOUT_MS, 'join');
        report.connected += 1;
      } catch (error) {
        report.failed += 1;
        if (report.samples.length < 5) report.samples.push(String(error));
      }
    }
  }
  await Promise.all(Array.from({ length: job.connectConcurrency }, lane));
  report.elapsedMs = performance.now() - started;
  return report;
}

/** Runs one phase on all rooms of this worker; every room writes into the same stats. */
async function runPhase(job: WorkerAssignment, phase: Phase, durationMs: number) {
  const stats = newPhaseStats(phase);
  for (const sim of rooms) sim.stats = stats;
  const started = performance.now();
  if (phase === 'realistic') for (const sim of rooms) sim.startRealistic(started, job.rates);
  else for (const sim of rooms) sim.startSaturation(started, job.saturationGapMs);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - started >= durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (const sim of rooms) {
        if (phase === 'realistic') sim.realisticTick(now, job.rates);
        else {
          sim.unstick(now, UNSTICK_MS);
          sim.saturatedTick(now, job.saturationGapMs);
        }
      }
    }, TICK_MS);
  });
  stats.durationMs = performance.now() - started;
  for (const sim of rooms) sim.stopSending();
  stats.held = rooms.reduce((n, sim) => n + sim.openLinks, 0);
  // Sending stopped: give what is in flight a moment to land, then count the rest as lost.
  const graceEnd = performance.now() + GRACE_MS;
  while (performance.now() < graceEnd && rooms.some((sim) => sim.inFlightCount > 0)) {
    await Bun.sleep(20);
  }
  stats.undelivered = rooms.reduce((n, sim) => n + sim.settle(), 0);
  for (const sim of rooms) sim.stats = null;
  return stats;
}

async function closeAll(): Promise<void> {
  for (const sim of rooms) for (const link of sim.links) link?.close();
  await Bun.sleep(500);
}

process.on('message', (raw: unknown) => {
  const message = raw as ToWorker;
  const work = async () => {
    switch (message.type) {
      case 'start':
        assignment = message.assignment;
        reply({ type: 'connected', report: await connectAll(assignment) });
        break;
      case 'phase':
        if (!assignment) throw new Error('phase before start');
        reply({
          type: 'phase-done',
          stats: await runPhase(assignment, message.phase, message.durationMs),
        });
        break;
      case 'close':
        await closeAll();
        reply({ type: 'closed' });
        process.exit(0);
    }
  };
  work().catch((error: unknown) => {
    reply({
      type: 'fatal',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
});
