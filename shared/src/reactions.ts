/** The room's reaction timeline: schemas, histogram and peaks, replay (see reactions/). */
export * from './reactions/histogram.ts';
export * from './reactions/query.ts';
export * from './reactions/replay.ts';
export * from './reactions/schema.ts';
export * from './reactions/window-page.ts';
