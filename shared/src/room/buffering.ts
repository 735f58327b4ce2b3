/**
 * The room's buffering policy as a pure decision, with limits so that a member's stall cannot
 * become a way around owner-only control.
 *
 * 'wait': when a member stalls while the room plays, the room pauses at its expected position
 * (a hold). It resumes when the members who caused it are playable again, or after
 * BUFFER_HOLD_POLICY.maxHoldMs whatever they report: the room plays on and the slow member
 * catches up. One stall holds the room at most once, and one member's stalls may hold it at
 * most maxHoldsPerWindow times per windowMs; past that their stalls are only shown, never
 * waited for. A user's play or pause ends a hold (their choice stands; we never resume it); a
 * seek moves it (the room was playing: it resumes from there as it would have).
 * (bufferingAfterCommand)
 * 'continue': playback is untouched; the hub only broadcasts who is buffering.
 *
 * So a member of an owner-only room can pause everyone for at most maxHoldMs ×
 * maxHoldsPerWindow (30 s) per window (10 min), however they report.
 */
import type { BufferPolicy, PlaybackState } from '../types.ts';
import { expectedPosition } from './playback-commands.ts';

export const BUFFER_HOLD_POLICY = {
  /** The longest one hold lasts. */
  maxHoldMs: 10_000,
  /** The window each member's holds are counted in. */
  windowMs: 10 * 60_000,
  /** Holds one member's stalls may cause per window. */
  maxHoldsPerWindow: 3,
};
export type BufferHoldPolicy = typeof BUFFER_HOLD_POLICY;

/** How much holding one member has done in the current window. */
export interface HoldAccount {
  windowStart: number;
  holds: number;
  /** `since` of the stall that last held the room: one stall holds it once. */
  lastStall: number;
}

/** Kept with the room's playback (durably), so every instance decides alike. */
export interface BufferingState {
  /** The hold in force: the seq of the paused state it produced, when, and whose stalls. */
  hold: { seq: number; startedAt: number; by: string[] } | null;
  accounts: Record<string, HoldAccount>;
}

export const NO_BUFFERING: BufferingState = { hold: null, accounts: {} };

/** A member whose player is stalled, since when (their earliest stalled tab). */
export interface Stall {
  userId: string;
  since: number;
}

export interface BufferingInput {
  playback: PlaybackState;
  policy: BufferPolicy;
  stalls: readonly Stall[];
  state: BufferingState;
  now: number;
  limits?: BufferHoldPolicy;
}

export type BufferingDecision =
  | { action: 'none' }
  | { action: 'wait-buffering' | 'resume'; next: PlaybackState; state: BufferingState };

/** The hold in force, or null when it ended or someone changed playback since. */
export function activeHold(state: BufferingState, playback: PlaybackState) {
  const hold = state.hold;
  return hold && hold.seq === playback.seq && !playback.playing ? hold : null;
}

/** When the hold in force must end at the latest (the hub re-decides then), or null. */
export function holdDeadline(
  state: BufferingState,
  playback: PlaybackState,
  limits = BUFFER_HOLD_POLICY,
): number | null {
  const hold = activeHold(state, playback);
  return hold ? hold.startedAt + limits.maxHoldMs : null;
}

function currentAccount(
  state: BufferingState,
  userId: string,
  now: number,
  limits: BufferHoldPolicy,
) {
  const account = state.accounts[userId];
  if (!account || now - account.windowStart >= limits.windowMs) return null;
  return account;
}

function mayHold(state: BufferingState, stall: Stall, now: number, limits: BufferHoldPolicy) {
  const account = currentAccount(state, stall.userId, now, limits);
  if (!account) return true;
  return account.holds < limits.maxHoldsPerWindow && account.lastStall !== stall.since;
}

/** Accounts of the current window only, so the state stays as small as the room. */
function liveAccounts(state: BufferingState, now: number, limits: BufferHoldPolicy) {
  const accounts: Record<string, HoldAccount> = {};
  for (const [userId, account] of Object.entries(state.accounts)) {
    if (now - account.windowStart < limits.windowMs) accounts[userId] = account;
  }
  return accounts;
}

export function decideBuffering(input: BufferingInput): BufferingDecision {
  const { playback, now, state } = input;
  const limits = input.limits ?? BUFFER_HOLD_POLICY;
  const hold = activeHold(state, playback);
  const base = { at: now, rate: playback.rate, seq: playback.seq + 1 };
  const resume = (): BufferingDecision => ({
    action: 'resume',
    next: { ...base, playing: true, position: playback.position },
    state: { hold: null, accounts: liveAccounts(state, now, limits) },
  });

  if (input.policy !== 'wait') return hold ? resume() : { action: 'none' };
  if (hold) {
    const holdersStalled = input.stalls.some((s) => hold.by.includes(s.userId));
    const expired = now - hold.startedAt >= limits.maxHoldMs;
    return !holdersStalled || expired ? resume() : { action: 'none' };
  }
  // A scheduled film that has not started (anchor in the future) has nothing to wait for.
  if (!playback.playing || playback.at > now) return { action: 'none' };
  const holders = input.stalls.filter((s) => mayHold(state, s, now, limits));
  if (holders.length === 0) return { action: 'none' };
  const accounts = liveAccounts(state, now, limits);
  for (const stall of holders) {
    const account = currentAccount(state, stall.userId, now, limits);
    accounts[stall.userId] = {
      windowStart: account?.windowStart ?? now,
      holds: (account?.holds ?? 0) + 1,
      lastStall: stall.since,
    };
  }
  return {
    action: 'wait-buffering',
    next: { ...base, playing: false, position: expectedPosition(playback, now) },
    state: { hold: { seq: base.seq, startedAt: now, by: holders.map((s) => s.userId) }, accounts },
  };
}

/**
 * The buffering state once a member's command produced `next`; undefined: unchanged (no hold
 * recorded). Play and pause end a hold for good. A seek during a hold keeps it, at the new
 * position, with its holders and deadline: nobody chose to stop, and a seek the page makes by
 * itself (a player skipping a gap in the stream while it waits) must not leave the room paused.
 */
export function bufferingAfterCommand(
  state: BufferingState,
  current: PlaybackState,
  action: 'play' | 'pause' | 'seek',
  next: PlaybackState,
): BufferingState | undefined {
  if (!state.hold) return undefined;
  const hold = activeHold(state, current);
  if (hold && action === 'seek' && !next.playing) {
    return { ...state, hold: { ...hold, seq: next.seq } };
  }
  return { ...state, hold: null };
}
