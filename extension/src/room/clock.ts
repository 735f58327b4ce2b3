/**
 * Clock offset to the server, fed by ping/pong samples. A thin stateful holder
 * around the shared pure estimator, so the connection and the player hook see
 * one small interface.
 */
import {
  addClockSample,
  type ClockOffsetState,
  estimateClockOffset,
  initialClockState,
  serverNow,
} from '@kino/shared/sync';

export interface ClockSync {
  addSample(t0: number, serverTime: number, t1: number): void;
  /** Server time for local time `localNow`; the local clock until a pong arrived. */
  serverNow(localNow: number): number;
  /** Whether enough samples back the estimate. */
  readonly ready: boolean;
}

export function createClockSync(): ClockSync {
  let state: ClockOffsetState = initialClockState;
  return {
    addSample(t0, serverTime, t1) {
      state = addClockSample(state, { t0, serverTime, t1 });
    },
    serverNow(localNow) {
      return serverNow(localNow, estimateClockOffset(state)?.offset ?? 0);
    },
    get ready() {
      return estimateClockOffset(state)?.ready ?? false;
    },
  };
}
