/**
 * Server-authoritative playback commands: pure state transitions with the clock passed in.
 *
 * A command names the `seq` it was based on. Only a command based on the current state is
 * accepted (first writer wins, decided by `seq`, never by arrival luck); the loser gets
 * `stale` plus the current state so its client can re-sync and retry if the user insists.
 */
import { expectedPosition } from '../sync/playback-math.ts';
import type { PlaybackState, RoomSettings } from '../types.ts';
import { canControl } from './permissions.ts';

export type PlaybackAction = 'play' | 'pause' | 'seek';

export interface PlaybackCommand {
  action: PlaybackAction;
  baseSeq: number;
  /** Film position (s) the client saw; required for seek, optional for play and pause. */
  position?: number;
  /**
   * The client's estimate of server time (ms) when the user acted. Without it (older
   * clients) the server's receive time is used, which puts the actor ahead of the room by
   * its upload delay. See commandAnchor for how far it is trusted.
   */
  at?: number;
}

export interface CommandContext {
  /** Server time (ms). */
  now: number;
  settings: RoomSettings;
  isOwner: boolean;
}

export type CommandRejection =
  | { ok: false; code: 'stale'; current: PlaybackState }
  | { ok: false; code: 'not_allowed' }
  | { ok: false; code: 'bad_position' };

export type CommandResult = { ok: true; next: PlaybackState } | CommandRejection;

/**
 * A pause carries the position the pausing user saw. We trust it only within this window
 * of the room's expected position: a lagging player is usually a few hundred ms off, and
 * anything farther is a stale or buggy client, so the room freezes at its own clock instead.
 */
export const PAUSE_TRUST_WINDOW_S = 2;

/**
 * How far back a command's own `at` is believed. An upload takes tens to hundreds of ms;
 * anything older is a wrong clock estimate or a client trying to rewrite the past.
 */
export const MAX_COMMAND_BACKDATE_MS = 1000;

/**
 * Server time the new state is anchored at: the client's `at` clamped to the last
 * MAX_COMMAND_BACKDATE_MS, never in the future (a client clock ahead of ours) and never
 * before the current state's anchor (the new state must not predate the one it replaces).
 */
export function commandAnchor(current: PlaybackState, now: number, requested?: number): number {
  if (requested === undefined || !Number.isFinite(requested)) return now;
  const earliest = Math.max(now - MAX_COMMAND_BACKDATE_MS, current.at);
  return Math.min(Math.max(requested, earliest), now);
}

/** Room playback before anyone pressed play: paused at the start. */
export function initialPlayback(now: number): PlaybackState {
  return { playing: false, position: 0, at: now, rate: 1, seq: 0 };
}

// The server computes where the room is with the very function clients sync to, so the
// two sides cannot drift apart in their arithmetic.
export { expectedPosition };

function isValidPosition(position: number | undefined): position is number {
  return position !== undefined && Number.isFinite(position) && position >= 0;
}

/** Decide where a pause freezes the film (see PAUSE_TRUST_WINDOW_S). */
export function pausePosition(state: PlaybackState, now: number, reported?: number): number {
  const expected = expectedPosition(state, now);
  if (!isValidPosition(reported)) return expected;
  return Math.abs(reported - expected) <= PAUSE_TRUST_WINDOW_S ? reported : expected;
}

export function applyCommand(
  current: PlaybackState,
  command: PlaybackCommand,
  ctx: CommandContext,
): CommandResult {
  if (!canControl(ctx.settings, ctx.isOwner)) return { ok: false, code: 'not_allowed' };
  // Before a scheduled start (anchor in the future) only the owner may change it: anyone
  // else's play would start the screening early for everyone.
  if (current.playing && current.at > ctx.now && !ctx.isOwner) {
    return { ok: false, code: 'not_allowed' };
  }
  if (command.baseSeq !== current.seq) return { ok: false, code: 'stale', current };

  // Positions in the command are what the user saw at `at`, so everything is computed there.
  const at = commandAnchor(current, ctx.now, command.at);
  const base = { at, rate: current.rate, seq: current.seq + 1 };
  switch (command.action) {
    case 'play': {
      // A play without a position resumes where the room is; with one, the user chose it.
      const position = isValidPosition(command.position)
        ? command.position
        : expectedPosition(current, at);
      return { ok: true, next: { ...base, playing: true, position } };
    }
    case 'pause':
      return {
        ok: true,
        next: {
          ...base,
          playing: false,
          position: pausePosition(current, at, command.position),
        },
      };
    case 'seek': {
      if (!isValidPosition(command.position)) return { ok: false, code: 'bad_position' };
      return { ok: true, next: { ...base, playing: current.playing, position: command.position } };
    }
  }
}
