/**
 * The knocker's door: knock (POST), then ask for the answer every 2 s while it is pending;
 * on approval the room session starts again and is let in. The state is a signal the
 * not-invited screen reads; everything stops when the session's signal aborts.
 */
import type { KnockStatusReply } from '@kino/shared/protocol';
import { type ReadonlySignal, signal } from '@preact/signals';
import type { ApiResult } from '../api/result';
import { KNOCK_IDLE, KNOCK_POLL_MS, type KnockState, knockStateFrom } from '../ui/knock-state';

export interface KnockDoorOptions {
  /** `ask`: knock (POST); otherwise read the answer so far (GET). */
  call(ask: boolean): Promise<ApiResult<KnockStatusReply>>;
  onApproved(): void;
  signal: AbortSignal;
  now?: () => number;
  pollMs?: number;
}

export interface KnockDoor {
  state: ReadonlySignal<KnockState>;
  knock(): Promise<void>;
  /** A request made earlier (another visit, a reload) is shown as it stands. */
  resume(): Promise<void>;
}

export function createKnockDoor(options: KnockDoorOptions): KnockDoor {
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? KNOCK_POLL_MS;
  const state = signal<KnockState>(KNOCK_IDLE);
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** One poll at a time, and one chain of them: a slow answer never doubles the polling. */
  let busy = false;
  let approved = false;
  options.signal.addEventListener('abort', () => timer && clearTimeout(timer), { once: true });

  function apply(result: ApiResult<KnockStatusReply>): void {
    if (options.signal.aborted || approved) return;
    const next = knockStateFrom(result, now());
    // A failed status poll is not a refusal of the knock: keep waiting and ask again.
    if (!result.ok && state.value.phase === 'pending' && result.error.status !== 403) {
      schedule();
      return;
    }
    state.value = next;
    if (next.phase === 'pending') schedule();
    if (next.phase === 'approved') {
      approved = true;
      options.onApproved();
    }
  }

  function schedule(): void {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void poll();
    }, pollMs);
  }

  async function poll(): Promise<void> {
    if (busy || options.signal.aborted) return;
    busy = true;
    try {
      apply(await options.call(false));
    } finally {
      busy = false;
    }
  }

  return {
    state,
    async knock() {
      const phase = state.value.phase;
      if (phase === 'sending' || phase === 'pending' || phase === 'approved') return;
      state.value = { phase: 'sending' };
      apply(await options.call(true));
    },
    async resume() {
      if (state.value.phase !== 'idle') return;
      const result = await options.call(false);
      // Only a request still waiting (or just approved) changes the screen, and only while
      // the user has not knocked meanwhile; no request at all stays idle.
      const waiting =
        result.ok && (result.data.status === 'pending' || result.data.status === 'approved');
      if (waiting && state.value.phase === 'idle') apply(result);
    },
  };
}
