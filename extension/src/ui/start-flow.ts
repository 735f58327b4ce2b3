/**
 * States of the Watch together panel, as a pure reducer: the component only
 * renders a state and dispatches events; the I/O lives in the feature module.
 */

import type { PersonRef } from '@kino/shared/http/rooms';
import type { ApiError } from '../api/result';
import type { MessageKey } from '../i18n/messages';
import type { ScheduleChoice } from './schedule-choice';

/** What the owner chose in the panel: whom, link join, and when (now or a set time). */
interface Choosing {
  matches: PersonRef[];
  selected: string[];
  allowLinkJoin: boolean;
  schedule: ScheduleChoice;
}

export type StartState =
  | { kind: 'closed' }
  /** This tab is in a room already: go to it, or leave it for a new one. */
  | { kind: 'in-room' }
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; error: ApiError }
  | ({ kind: 'choose' } & Choosing)
  | ({ kind: 'starting' } & Choosing);

export type StartEvent =
  | { type: 'open' }
  | { type: 'in-room' }
  | { type: 'close' }
  | { type: 'signed-out' }
  /**
   * `tickAll: false` for all friends of a page room: nobody is e-mailed unless chosen;
   * `schedule`: the panel's suggestion for a set time (ui/schedule-choice.ts).
   */
  | {
      type: 'matches';
      matches: PersonRef[];
      tickAll?: boolean;
      schedule?: ScheduleChoice;
    }
  | { type: 'schedule'; schedule: Partial<ScheduleChoice> }
  | { type: 'failed'; error: ApiError }
  | { type: 'toggle'; id: string }
  | { type: 'toggle-link-join' }
  | { type: 'start' }
  | { type: 'started' };

export function reduceStart(state: StartState, event: StartEvent): StartState {
  switch (event.type) {
    case 'open':
      return state.kind === 'closed' || state.kind === 'error' || state.kind === 'in-room'
        ? { kind: 'loading' }
        : state;
    case 'in-room':
      return state.kind === 'starting' ? state : { kind: 'in-room' };
    case 'close':
      return state.kind === 'starting' ? state : { kind: 'closed' };
    case 'signed-out':
      return { kind: 'signed-out' };
    case 'matches':
      // All ticked by default; with nobody to invite, a link room is the only way. A page
      // room lists every friend: none ticked, the link on.
      return {
        kind: 'choose',
        matches: event.matches,
        selected: event.tickAll === false ? [] : event.matches.map((m) => m.id),
        allowLinkJoin: event.matches.length === 0 || event.tickAll === false,
        schedule: event.schedule ?? { later: false, local: '' },
      };
    case 'failed':
      return { kind: 'error', error: event.error };
    case 'toggle': {
      if (state.kind !== 'choose') return state;
      const selected = state.selected.includes(event.id)
        ? state.selected.filter((id) => id !== event.id)
        : [...state.selected, event.id];
      return { ...state, selected };
    }
    case 'schedule':
      return state.kind === 'choose'
        ? { ...state, schedule: { ...state.schedule, ...event.schedule } }
        : state;
    case 'toggle-link-join':
      return state.kind === 'choose' ? { ...state, allowLinkJoin: !state.allowLinkJoin } : state;
    case 'start':
      return state.kind === 'choose' && canStart(state) ? { ...state, kind: 'starting' } : state;
    case 'started':
      return { kind: 'closed' };
  }
}

/** A room needs someone to come: an invitee, or anyone holding the link. */
export function canStart(state: StartState): boolean {
  return state.kind === 'choose' && (state.selected.length > 0 || state.allowLinkJoin);
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "8 min" / "45 s" in the reader's language; "a moment" when the server did not say. */
function waitText(seconds: number | undefined, t: Translate): string {
  if (seconds === undefined) return t('waitMoment');
  return seconds < 120
    ? t('waitSeconds', { n: seconds })
    : t('waitMinutes', { n: Math.ceil(seconds / 60) });
}

function names(details: unknown): string {
  const people = (details as { people?: unknown } | undefined)?.people;
  if (!Array.isArray(people)) return '';
  return people
    .map((p) => (typeof p === 'object' && p && typeof p.name === 'string' ? p.name : ''))
    .filter(Boolean)
    .join(', ');
}

/**
 * What the panel says about a failed load or start: quotas (429) and outages (503) say when to
 * try again; anything else falls back to the server's own message.
 */
export function startErrorMessage(error: ApiError, t: Translate): string {
  const wait = waitText(error.retryAfterSeconds, t);
  switch (error.code) {
    case 'network':
      return t('errorNetwork');
    case 'quota_rooms':
      return t('errorQuotaRooms', { wait });
    case 'quota_invites_sent':
      return t('errorQuotaInvitesSent', { wait });
    case 'quota_invites_received':
      return t('errorQuotaInvitesReceived', { wait, names: names(error.details) });
    case 'invalid_start_time':
      return t('errorStartTime');
    // A page the backend refused (scheme, credentials, length: @kino/shared/film-page), or
    // one the extension could not name at all.
    case 'no_film':
    case 'invalid_body':
      return t('errorPageNotShareable');
    case 'film_not_found':
    case 'not_found':
      return t('errorUnknownFilm');
    case 'too_many_invitees': {
      const limit = (error.details as { limit?: unknown } | undefined)?.limit;
      return t('errorTooManyInvitees', { limit: typeof limit === 'number' ? limit : '' });
    }
  }
  if (error.status === 429) return t('errorRateLimited', { wait });
  if (error.status === 503) return t('errorUnavailable', { wait });
  return t('errorGeneric', { message: error.message });
}
