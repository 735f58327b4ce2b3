import { describe, expect, test } from 'bun:test';
import {
  adBreakFigures,
  adWindows,
  filmOnly,
  isAway,
  positionAt,
  rejoins,
  unexplainedJumps,
  withoutAdPositions,
} from './ad-analysis.ts';
import type { MemberAction, MemberTrace, PositionSample, RunRecording } from './types.ts';

/** Samples every 50 ms over [from, to] with the position a function of t. */
function samples(
  from: number,
  to: number,
  pos: (t: number) => number,
  extra: Partial<PositionSample> = {},
): PositionSample[] {
  const out: PositionSample[] = [];
  for (let t = from; t <= to; t += 50) {
    out.push({ t, pos: pos(t), paused: false, seeking: false, rate: 1, ready: 4, ...extra });
  }
  return out;
}

/** The room plays from 100 s at t = 0. */
const room = (t: number) => 100 + t / 1000;

function trace(member: number, list: PositionSample[], events: MemberTrace['events'] = []) {
  return { member, name: `m${member}`, samples: list, events };
}

/**
 * Members 0 and 1 play along the room for 40 s. Member 2 reloads at 10 s: nothing sampled
 * while the page loads, the ad (its own 0–9 s) from 11 s, the film from 0 at 20 s, and the
 * extension's seek to the room's moment (30 ms ahead) at 21 s.
 */
function adRecording(rejoinOffsetSec = 0.03): RunRecording {
  const adMember = [
    ...samples(0, 9950, room),
    ...samples(11_000, 19_950, (t) => (t - 11_000) / 1000, { ad: true }),
    // The film's element is empty for its first samples (readyState 0, at 0:00).
    ...samples(20_000, 20_050, () => 0, { ready: 0 }),
    ...samples(20_100, 20_950, (t) => (t - 20_000) / 1000),
    ...samples(21_000, 40_000, (t) => room(t) + rejoinOffsetSec),
  ];
  return {
    label: 'ad',
    latency: null,
    from: 0,
    to: 40_000,
    traces: [
      trace(0, samples(0, 40_000, room)),
      trace(1, samples(0, 40_000, room)),
      trace(2, adMember, [
        { t: 11_000, type: 'playing', pos: 0 },
        { t: 20_000, type: 'playing', pos: 0 },
        { t: 21_000, type: 'seeking', pos: room(21_000) },
      ]),
    ],
    actions: [],
    clockSkewMs: [0, 0, 0],
    loadAverage: [1, 1],
    adBreaks: [{ member: 2, reloadAt: 10_000 }],
  };
}

describe('ad windows', () => {
  test('from the reload until the first sample of the film, and whether the ad showed', () => {
    const [window] = adWindows(adRecording());
    expect(window).toEqual({
      member: 2,
      from: 10_000,
      filmAt: 20_000,
      loadedAt: 20_100,
      sawAd: true,
    });
    expect(isAway([window!], 2, 15_000)).toBe(true);
    expect(isAway([window!], 2, 20_000)).toBe(false);
    expect(isAway([window!], 1, 15_000)).toBe(false);
  });

  test('a reload that showed no ad is a window with no ad seen; one that never ends stays open', () => {
    const recording = adRecording();
    const noAd = {
      ...recording,
      traces: recording.traces.map((t) => ({
        ...t,
        samples: t.samples.map(({ ad: _, ...s }) => s),
      })),
    };
    expect(adWindows(noAd)[0]).toMatchObject({ filmAt: 11_000, loadedAt: 11_000, sawAd: false });
    const stuck = {
      ...recording,
      traces: recording.traces.map((t) =>
        t.member === 2 ? { ...t, samples: t.samples.filter((s) => s.t < 20_000) } : t,
      ),
    };
    expect(adWindows(stuck)[0]).toMatchObject({ filmAt: null, loadedAt: null, sawAd: true });
    expect(isAway(adWindows(stuck), 2, 39_000)).toBe(true);
  });

  test('film only: the away stretch leaves the samples and events of its member only', () => {
    const recording = adRecording();
    const traces = filmOnly(recording.traces, adWindows(recording));
    const adMember = traces[2]!;
    expect(adMember.samples.some((s) => s.t >= 10_000 && s.t < 20_000)).toBe(false);
    expect(adMember.samples.some((s) => s.ad)).toBe(false);
    expect(adMember.events.map((e) => e.t)).toEqual([20_000, 21_000]);
    expect(traces[0]!.samples).toHaveLength(recording.traces[0]!.samples.length);
  });

  test('for drift the away stretch leaves its positions, not its events (the film’s start is no steady 0:00)', () => {
    const recording = adRecording();
    const adMember = withoutAdPositions(recording.traces, adWindows(recording))[2]!;
    expect(adMember.samples.some((s) => s.t >= 10_000 && s.t < 20_100)).toBe(false);
    expect(adMember.events).toEqual(recording.traces[2]!.events);
  });
});

describe('positionAt', () => {
  test('playing: interpolated; paused: where it stands; seeking, ads and gaps: unknown', () => {
    expect(positionAt(samples(0, 1000, room), 525)).toBeCloseTo(100.525, 6);
    expect(
      positionAt(
        samples(0, 1000, () => 7, { paused: true }),
        525,
      ),
    ).toBe(7);
    expect(positionAt(samples(0, 1000, room, { seeking: true }), 525)).toBeNull();
    expect(positionAt(samples(0, 1000, room, { ad: true }), 525)).toBeNull();
    const gap = [...samples(0, 100, room), ...samples(1000, 1100, room)];
    expect(positionAt(gap, 500)).toBeNull();
  });
});

describe('rejoins', () => {
  test('from the film’s start until within 50 ms of the room for 0.5 s', () => {
    const recording = adRecording(0.03);
    const [back] = rejoins(recording.traces, adWindows(recording), recording.to);
    expect(back?.ms).toBe(1000);
    expect(back?.at).toBe(21_000);
  });

  test('never within 50 ms: not rejoined', () => {
    const recording = adRecording(0.2);
    const [back] = rejoins(recording.traces, adWindows(recording), recording.to);
    expect(back?.ms).toBeNull();
  });
});

describe('unexplainedJumps', () => {
  const seek: MemberAction = { member: 0, t: 30_000, type: 'seek', pos: 300 };
  const seeked = (t: number) => (t < 30_050 ? room(t) : 300 + (t - 30_050) / 1000);

  test('a seek explains the jumps of everyone to its target; the ad member’s way back is its own', () => {
    const recording = adRecording();
    const traces = recording.traces.map((t) =>
      t.member === 2 ? t : { ...t, samples: samples(0, 40_000, seeked) },
    );
    const back = rejoins(traces, adWindows(recording), recording.to);
    expect(unexplainedJumps(traces, [seek], back)).toEqual([]);
  });

  test('a member taken to the ad’s timeline (or anywhere) with no seek to there is a jump', () => {
    const recording = adRecording();
    const yanked = (t: number) => (t < 12_000 ? room(t) : 0.5 + (t - 12_000) / 1000);
    const traces = recording.traces.map((t) =>
      t.member === 1 ? { ...t, samples: samples(0, 40_000, yanked) } : t,
    );
    const back = rejoins(traces, adWindows(recording), recording.to);
    expect(unexplainedJumps(traces, [], back)).toEqual([
      { member: 1, t: 12_000, from: room(11_950), to: 0.5 },
    ]);
    // A seek elsewhere does not explain it.
    expect(unexplainedJumps(traces, [{ ...seek, t: 11_000 }], back)).toHaveLength(1);
  });

  test('the figures: breaks, the ad seen, away and rejoin times, no jumps', () => {
    const figures = adBreakFigures(adRecording());
    expect(figures).toMatchObject({ breaks: 1, sawAd: 1, notRejoined: 0, jumps: [] });
    expect(figures.awayMs.p50).toBe(10_000);
    expect(figures.rejoinMs.p50).toBe(1000);
  });
});
