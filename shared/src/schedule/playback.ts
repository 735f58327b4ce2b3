/**
 * A scheduled room's playback anchor is an ordinary one set in the future: playing from 0 at
 * `startsAt`. Everyone computes the same moment from it (expectedPosition), so the film starts
 * for everyone together without any message at the start. Before that moment a player shows
 * the room as paused at 0 (heldUntilStart); the countdown reads the same anchor.
 */
import type { PlaybackState } from '../types.ts';

/** The anchor of a room that starts at `startsAt` (server ms); `seq` as the record needs. */
export function scheduledPlayback(startsAt: number, seq: number): PlaybackState {
  return { playing: true, position: 0, at: startsAt, rate: 1, seq };
}

/** When the room's film starts (server ms), if it is waiting for a scheduled start at `now`. */
export function pendingStart(playback: PlaybackState | null, now: number): number | null {
  if (!playback?.playing || playback.at <= now) return null;
  return playback.at;
}

/**
 * The playback a player should follow at `now`: before a scheduled start, paused where the
 * film will start (so nothing plays early and a press of play starts it early, on purpose).
 */
export function heldUntilStart(playback: PlaybackState, now: number): PlaybackState {
  if (pendingStart(playback, now) === null) return playback;
  return { ...playback, playing: false, at: now };
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The time left until `startsAt`, rounded up to the second (never shows 0:00 before the start). */
export function countdown(startsAt: number, now: number): Countdown {
  let left = Math.max(0, Math.ceil((startsAt - now) / 1000));
  const days = Math.floor(left / 86_400);
  left -= days * 86_400;
  const hours = Math.floor(left / 3600);
  left -= hours * 3600;
  const minutes = Math.floor(left / 60);
  return { days, hours, minutes, seconds: left - minutes * 60 };
}

/** "2:05:09", "05:09"; days are the caller's to word (they differ by language). */
export function clockText(c: Countdown): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return c.hours > 0
    ? `${c.hours}:${two(c.minutes)}:${two(c.seconds)}`
    : `${two(c.minutes)}:${two(c.seconds)}`;
}
