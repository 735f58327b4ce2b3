/**
 * The room's buffering policy as a pure decision.
 *
 * 'wait': when someone stalls while the room plays, the room pauses at its expected position;
 * once nobody is stalled it resumes — but only if that auto-pause is still the latest change
 * (`autoPausedSeq === playback.seq`). If a user paused, played or seeked meanwhile, their
 * choice stands and we do not resume on our own.
 * 'continue': playback is untouched; the hub only broadcasts who is buffering.
 */
import type { BufferPolicy, PlaybackState } from '../types.ts';
import { expectedPosition } from './playback-commands.ts';

export interface BufferingInput {
  playback: PlaybackState;
  policy: BufferPolicy;
  anyoneBuffering: boolean;
  /** Seq of the state the room's last auto-pause produced, or null if none is pending. */
  autoPausedSeq: number | null;
  now: number;
}

export type BufferingDecision =
  | { action: 'none' }
  | { action: 'wait-buffering'; next: PlaybackState }
  | { action: 'resume'; next: PlaybackState };

export function decideBuffering(input: BufferingInput): BufferingDecision {
  const { playback, now } = input;
  if (input.policy !== 'wait') return { action: 'none' };
  const base = { at: now, rate: playback.rate, seq: playback.seq + 1 };
  if (input.anyoneBuffering && playback.playing) {
    return {
      action: 'wait-buffering',
      next: { ...base, playing: false, position: expectedPosition(playback, now) },
    };
  }
  if (!input.anyoneBuffering && !playback.playing && input.autoPausedSeq === playback.seq) {
    return { action: 'resume', next: { ...base, playing: true, position: playback.position } };
  }
  return { action: 'none' };
}
