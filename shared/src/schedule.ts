/** Scheduled screenings: start-time rules, the scheduled playback anchor, countdown, "when" in mails. */
export * from './schedule/playback.ts';
export * from './schedule/start-time.ts';
export * from './schedule/when.ts';
