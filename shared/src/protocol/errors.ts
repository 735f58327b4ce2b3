/** Every error code the server may send in an `error` message. */
export const ERROR_CODES = [
  'bad_json',
  'too_large',
  'unknown_type',
  'invalid_message',
  'version_mismatch',
  'unauthorized',
  'forbidden',
  'not_found',
  'not_joined',
  'stale',
  'not_allowed',
  'rate_limited',
  'room_closed',
  'room_full',
  'too_many_connections',
  'unavailable',
  'internal',
  'revoked',
  'knock_gone',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a parser or a handler reports; the hub wraps it into an `error` server message. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** The client message it is about: its `id`, else its `type` (absent for unreadable frames). */
  ref?: string;
}
