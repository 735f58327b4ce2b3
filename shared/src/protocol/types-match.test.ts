import { expect, test } from 'bun:test';
import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '../types.ts';
import type {
  ChatMessageMessage,
  ParticipantMessage,
  PlaybackStateMessage,
  RoomSettingsMessage,
} from './primitives.ts';

/** True only when A and B are mutually assignable with identical optionality. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// These lines fail `tsc` (not the test run) if a schema drifts from shared/src/types.ts.
const playbackMatches: Equal<PlaybackStateMessage, PlaybackState> = true;
const settingsMatch: Equal<RoomSettingsMessage, RoomSettings> = true;
const participantMatches: Equal<ParticipantMessage, Participant> = true;
const chatMatches: Equal<ChatMessageMessage, ChatMessage> = true;

test('protocol schemas are structurally equal to the domain types (checked by tsc)', () => {
  expect([playbackMatches, settingsMatch, participantMatches, chatMatches]).toEqual([
    true,
    true,
    true,
    true,
  ]);
});
