/**
 * One simulated member's connection, whatever the wire: the room simulation only sends
 * chat lines and playback commands and hears back keyed deliveries.
 */
import type { PlaybackAction } from '../schedule.ts';

export interface MemberSpec {
  url: string;
  roomId: string;
  roomIndex: number;
  memberIndex: number;
}

export interface LinkEvents {
  /** A fan-out message arrived; `key` matches what the sender registered. */
  delivered(key: string, ownEcho: boolean): void;
  /** The room's playback seq as this member last saw it (kino only). */
  seq(seq: number): void;
  /** An error frame from the server. */
  error(code: string, ref: string | undefined): void;
  /** The socket closed without us asking. */
  closedUnexpectedly(reason: string): void;
}

export interface Link {
  sendChat(key: string, text: string): void;
  /** Returns the key under which the command's fan-out arrives. */
  sendCommand(action: PlaybackAction, baseSeq: number, position: number, counter: number): string;
  isOpen(): boolean;
  close(): void;
}

export type Connect = (spec: MemberSpec, events: LinkEvents) => Promise<Link>;

/** Rejects after `ms` unless `promise` settles first (a join that hangs is a failed join). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
