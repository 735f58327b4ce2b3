/** Pure sync core: clock offset, expected position, drift correction, echo suppression. */
export * from './sync/clock-offset.ts';
export * from './sync/commands.ts';
export * from './sync/correction.ts';
export * from './sync/echo-guard.ts';
export * from './sync/playback-math.ts';
export * from './sync/seek-landing.ts';
export * from './sync/seek-latency.ts';
export * from './sync/settled-error.ts';
