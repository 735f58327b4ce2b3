/** The frame the two baselines relay: just enough to match a delivery to its send. */
import type { PlaybackAction } from '../schedule.ts';

export type RelayFrame =
  | { k: string; text: string }
  | { k: string; action: PlaybackAction; position: number };

export const commandKey = (spec: { roomIndex: number; memberIndex: number }, counter: number) =>
  `cmd_${spec.roomIndex}_${spec.memberIndex}_${counter}`;
