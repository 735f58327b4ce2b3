/**
 * Diagnostics for load tests (env `KINO_PERF_TRACE=1`): once a second, one line with the
 * event loop's worst lag and the LiveStore calls of that second (count, slowest, how many
 * took over 50 ms). A lagging loop means the process is computing (or collecting garbage);
 * slow store calls with a punctual loop mean it is waiting on Redis. Off by default: it
 * costs a timer and two clock reads per store call.
 */
import { readFileSync } from 'node:fs';
import type { LiveStore } from './types.ts';

/** Nanoseconds the main thread has waited on a run queue so far (0 where unknown). */
function runQueueWaitMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return Number(fields[1]) / 1e6 || 0;
  } catch {
    return 0;
  }
}

/** What one second looked like; pure data so the summary can be unit-tested. */
export interface PerfSecond {
  loopLagMaxMs: number;
  /**
   * CPU time this process used during that worst lag: close to the lag means it was
   * computing (JS or garbage collection); far below, the OS did not run it (busy machine).
   */
  loopLagCpuMs: number;
  /** Time the main thread sat runnable but unscheduled during that lag (Linux schedstat). */
  loopLagRunQueueMs: number;
  /** CPU time used in the whole second. */
  cpuMs: number;
  calls: number;
  slowCalls: number;
  callMaxMs: number;
  slowestCall: string;
  /** Calls by name, so a trace shows what a chat line costs in round trips. */
  byName: Record<string, number>;
}

export const SLOW_CALL_MS = 50;

export function emptySecond(): PerfSecond {
  return {
    loopLagMaxMs: 0,
    loopLagCpuMs: 0,
    loopLagRunQueueMs: 0,
    cpuMs: 0,
    calls: 0,
    slowCalls: 0,
    callMaxMs: 0,
    slowestCall: '',
    byName: {},
  };
}

/** Folds one finished store call into the second's figures. */
export function noteCall(second: PerfSecond, name: string, ms: number): PerfSecond {
  const slower = ms > second.callMaxMs;
  return {
    ...second,
    calls: second.calls + 1,
    slowCalls: second.slowCalls + (ms > SLOW_CALL_MS ? 1 : 0),
    callMaxMs: slower ? ms : second.callMaxMs,
    slowestCall: slower ? name : second.slowestCall,
    byName: { ...second.byName, [name]: (second.byName[name] ?? 0) + 1 },
  };
}

export function formatSecond(at: number, s: PerfSecond): string {
  return (
    `[perf] t=${new Date(at).toISOString()} cpu=${s.cpuMs.toFixed(0)}ms ` +
    `loop-lag-max=${s.loopLagMaxMs.toFixed(1)}ms (cpu ${s.loopLagCpuMs.toFixed(1)}ms, ` +
    `run-queue ${s.loopLagRunQueueMs.toFixed(1)}ms) ` +
    `store-calls=${s.calls} slow(>${SLOW_CALL_MS}ms)=${s.slowCalls} ` +
    `slowest=${s.callMaxMs.toFixed(1)}ms${s.slowestCall ? ` (${s.slowestCall})` : ''}` +
    byName(s.byName)
  );
}

const byName = (counts: Record<string, number>) => {
  const parts = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name}:${count}`);
  return parts.length > 0 ? ` by-call=${parts.join(',')}` : '';
};

export interface PerfProbe {
  /** The store with every call timed. */
  wrap(store: LiveStore): LiveStore;
  stop(): void;
}

const LAG_TICK_MS = 10;

export function startPerfProbe(write: (line: string) => void): PerfProbe {
  let second = emptySecond();
  let expected = performance.now() + LAG_TICK_MS;
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let lastTickCpu = cpuNow();
  let lastTickWait = runQueueWaitMs();
  let secondStartCpu = lastTickCpu;
  const lagTimer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuNow();
    const wait = runQueueWaitMs();
    const lag = Math.max(0, now - expected);
    expected = now + LAG_TICK_MS;
    if (lag > second.loopLagMaxMs) {
      second = {
        ...second,
        loopLagMaxMs: lag,
        loopLagCpuMs: cpu - lastTickCpu,
        loopLagRunQueueMs: wait - lastTickWait,
      };
    }
    lastTickCpu = cpu;
    lastTickWait = wait;
  }, LAG_TICK_MS);
  const reportTimer = setInterval(() => {
    const cpu = cpuNow();
    write(formatSecond(Date.now(), { ...second, cpuMs: cpu - secondStartCpu }));
    secondStartCpu = cpu;
    second = emptySecond();
  }, 1000);

  const time = <T>(name: string, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    return call().finally(() => {
      second = noteCall(second, name, performance.now() - started);
    });
  };

  return {
    wrap(store) {
      return {
        kind: store.kind,
        getPlayback: (r) => time('getPlayback', () => store.getPlayback(r)),
        initPlayback: (r, s) => time('initPlayback', () => store.initPlayback(r, s)),
        cachePlayback: (r, s) => time('cachePlayback', () => store.cachePlayback(r, s)),
        getSettings: (r) => time('getSettings', () => store.getSettings(r)),
        setSettings: (r, s) => time('setSettings', () => store.setSettings(r, s)),
        joinParticipant: (r, p, c) => time('joinParticipant', () => store.joinParticipant(r, p, c)),
        putParticipant: (r, p) => time('putParticipant', () => store.putParticipant(r, p)),
        removeParticipant: (r, c) => time('removeParticipant', () => store.removeParticipant(r, c)),
        presence: (r) => time('presence', () => store.presence(r)),
        listParticipants: (r) => time('listParticipants', () => store.listParticipants(r)),
        takeToken: (k, l, n) => time('takeToken', () => store.takeToken(k, l, n)),
        deleteRoom: (r) => time('deleteRoom', () => store.deleteRoom(r)),
        publish: (e) => time('publish', () => store.publish(e)),
        subscribe: (h, o) => store.subscribe(h, o),
        watchRoom: (r, i) => time('watchRoom', () => store.watchRoom(r, i)),
        unwatchRoom: (r, i) => time('unwatchRoom', () => store.unwatchRoom(r, i)),
        close: () => store.close(),
      };
    },
    stop() {
      clearInterval(lagTimer);
      clearInterval(reportTimer);
    },
  };
}
