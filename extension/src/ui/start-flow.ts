/**
 * States of the Watch together panel, as a pure reducer: the component only
 * renders a state and dispatches events; the I/O lives in the feature module.
 */
import type { ApiError } from '../api/result';
import type { PersonRef } from '../api/room-info';

export type StartState =
  | { kind: 'closed' }
  /** This tab is in a room already: go to it, or leave it for a new one. */
  | { kind: 'in-room' }
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; error: ApiError }
  | { kind: 'choose'; matches: PersonRef[]; selected: string[]; allowLinkJoin: boolean }
  | { kind: 'starting'; matches: PersonRef[]; selected: string[]; allowLinkJoin: boolean };

export type StartEvent =
  | { type: 'open' }
  | { type: 'in-room' }
  | { type: 'close' }
  | { type: 'signed-out' }
  | { type: 'matches'; matches: PersonRef[] }
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
      // All ticked by default; with nobody to invite, a link room is the only way.
      return {
        kind: 'choose',
        matches: event.matches,
        selected: event.matches.map((m) => m.id),
        allowLinkJoin: event.matches.length === 0,
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
