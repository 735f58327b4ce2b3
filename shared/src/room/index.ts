export * from './abuse.ts';
export * from './buffering.ts';
export * from './chat-gaps.ts';
export * from './permissions.ts';
export * from './playback-commands.ts';
export * from './presence.ts';
export * from './rate-limit.ts';
