/**
 * The knocker's side of knock to join, as a pure function of the backend's answers: what the
 * not-invited screen shows (KnockDoor.tsx) and whether to keep asking. No clock reads.
 */
import type { KnockStatusReply } from '@kino/shared/protocol';
import type { ApiResult } from '../api/result';
import type { MessageKey } from '../i18n';

export type KnockState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  /** `expiresAt` in this computer's clock (the server's, moved by the offset we saw). */
  | { phase: 'pending'; expiresAt: number }
  | { phase: 'approved' }
  | { phase: 'declined' }
  | { phase: 'expired' }
  | { phase: 'refused'; code: string; message: string; retryAfterSeconds?: number };

export const KNOCK_IDLE: KnockState = { phase: 'idle' };

/** While pending, the extension asks for the answer this often. */
export const KNOCK_POLL_MS = 2000;

/** The state after a reply to POST (knock) or GET (status) at local time `now`. */
export function knockStateFrom(result: ApiResult<KnockStatusReply>, now: number): KnockState {
  if (!result.ok) {
    const { code, message, retryAfterSeconds } = result.error;
    // Invited meanwhile (or the room opened to the link): nothing to wait for, go in.
    if (code === 'already_member') return { phase: 'approved' };
    return {
      phase: 'refused',
      code,
      message,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  const reply = result.data;
  switch (reply.status) {
    case 'pending':
      return { phase: 'pending', expiresAt: reply.expiresAt - reply.serverTime + now };
    case 'approved':
      return { phase: 'approved' };
    case 'declined':
      return { phase: 'declined' };
    case 'expired':
      return { phase: 'expired' };
  }
}

/** Whether the knock button is offered in this state (again after an expiry or a refusal). */
export function canKnock(state: KnockState): boolean {
  return state.phase === 'idle' || state.phase === 'expired' || state.phase === 'refused';
}

/** The sentence for a refusal, with its wait; `null` for the other states. */
export function refusalText(
  state: KnockState,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string | null {
  if (state.phase !== 'refused') return null;
  const wait = waitText(state.retryAfterSeconds, t);
  if (state.code === 'knock_rate_limited') return t('knockRateLimited', { wait });
  if (state.code === 'knock_queue_full') return t('knockQueueFull', { wait });
  if (state.code === 'network') return t('errorNetwork');
  if (state.code === 'unauthorized') return t('knockSignedOut');
  if (state.code === 'room_closed') return t('roomAlreadyClosed');
  if (state.code === 'room_revoked') return t('revokedBody');
  return t('knockFailed', { message: state.message });
}

/**
 * "8 min" / "45 s"; "a moment" when unknown. Minutes are rounded, not rounded up: a clock
 * read a few seconds ago must not turn a fresh 10-minute request into "11 min".
 */
export function waitText(
  seconds: number | undefined,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (seconds === undefined) return t('waitMoment');
  return seconds < 120
    ? t('waitSeconds', { n: Math.max(1, Math.ceil(seconds)) })
    : t('waitMinutes', { n: Math.round(seconds / 60) });
}
