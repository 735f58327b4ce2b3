/**
 * Why a send failed decides what happens next. A connection-level failure (the mail server is
 * unreachable, slow, or says it is closing) is nobody's fault in the message: the worker stops
 * sending, probes the server every second and resumes the moment it answers. A refusal of the
 * message itself (4xx/5xx on the envelope or data) is retried with exponential backoff.
 * Pure: an error in, a kind out.
 */
export type SendFailure = 'connection' | 'message';

/** nodemailer's codes for a transport that did not get as far as judging the message. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH', // credentials: a server-wide problem, not this message's
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'SEND_TIMEOUT', // ours: the whole send took too long
]);

/** 421: service not available, closing; 454: temporary authentication failure. */
const CONNECTION_RESPONSES = new Set([421, 454]);

export function classifySendFailure(error: unknown): SendFailure {
  if (typeof error !== 'object' || error === null) return 'message';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number' && CONNECTION_RESPONSES.has(responseCode)) {
    return 'connection';
  }
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return 'connection';
  return 'message';
}
