/**
 * Latency second by second, so a stall (a few seconds where everything waits) shows up
 * as such instead of hiding inside one p99. Pure.
 */
import type { PhaseStats, SecondStats } from './types.ts';

export const SLOW_MS = 50;

export function noteSecond(stats: Pick<PhaseStats, 'timeline'>, second: number, ms: number) {
  if (second < 0) return;
  while (stats.timeline.length <= second) stats.timeline.push({ count: 0, maxMs: 0, over50: 0 });
  const slot = stats.timeline[second]!;
  slot.count += 1;
  if (ms > slot.maxMs) slot.maxMs = ms;
  if (ms > SLOW_MS) slot.over50 += 1;
}

export function mergeTimelines(timelines: readonly SecondStats[][]): SecondStats[] {
  const length = Math.max(0, ...timelines.map((t) => t.length));
  return Array.from({ length }, (_, i) => {
    const slots = timelines.map((t) => t[i]).filter((s): s is SecondStats => s !== undefined);
    return {
      count: slots.reduce((n, s) => n + s.count, 0),
      maxMs: Math.max(0, ...slots.map((s) => s.maxMs)),
      over50: slots.reduce((n, s) => n + s.over50, 0),
    };
  });
}

/** The `n` seconds with the most deliveries over 50 ms, as "t=12 s: 340/1,700 slow, max 920 ms". */
export function worstSeconds(timeline: readonly SecondStats[], n: number): string[] {
  return timeline
    .map((slot, second) => ({ ...slot, second }))
    .filter((s) => s.over50 > 0)
    .sort((a, b) => b.over50 - a.over50 || b.maxMs - a.maxMs)
    .slice(0, n)
    .sort((a, b) => a.second - b.second)
    .map(
      (s) =>
        `t=${s.second} s: ${s.over50}/${s.count} > ${SLOW_MS} ms, max ${Math.round(s.maxMs)} ms`,
    );
}

/** Seconds in which at least 1% of deliveries took over 50 ms. */
export function slowSeconds(timeline: readonly SecondStats[]): number {
  return timeline.filter((s) => s.count > 0 && s.over50 / s.count >= 0.01).length;
}
