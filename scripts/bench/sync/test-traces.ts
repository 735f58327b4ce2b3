/** Synthetic traces for the unit tests: a player running steadily with a fixed offset. */
import type { MemberTrace, PositionSample, VideoEvent } from './types.ts';

export function steadyTrace(
  member: number,
  options: { from: number; to: number; stepMs: number; startPos: number; offsetMs?: number },
  events: VideoEvent[] = [],
): MemberTrace {
  const samples: PositionSample[] = [];
  for (let t = options.from; t <= options.to; t += options.stepMs) {
    // Position is a function of t alone, so traces sampled from different instants agree.
    const pos = options.startPos + t / 1000 + (options.offsetMs ?? 0) / 1000;
    samples.push({ t, pos, paused: false, seeking: false, rate: 1, ready: 4 });
  }
  return { member, name: `m${member}`, samples, events };
}
