/** The realtime protocol spoken over `GET /ws`; see shared/PROTOCOL.md. */
export * from './protocol/chat-text.ts';
export * from './protocol/client-messages.ts';
export * from './protocol/describe-error.ts';
export * from './protocol/errors.ts';
export * from './protocol/frame-budget.ts';
export * from './protocol/knock-messages.ts';
export * from './protocol/parse.ts';
export * from './protocol/primitives.ts';
export * from './protocol/server-messages.ts';
export * from './protocol/validator.ts';
export * from './protocol/version.ts';
