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
  options.signal.addEventListener('abort', () => timer && clearTimeout(timer), { once: true });

  function apply(result: ApiResult<KnockStatusReply>): void {
    if (options.signal.aborted) return;
    const next = knockStateFrom(result, now());
    // A failed status poll is not a refusal of the knock: keep waiting and ask again.
    if (!result.ok && state.value.phase === 'pending' && result.error.status !== 403) {
      schedule();
      return;
    }
    state.value = next;
    if (next.phase === 'pending') schedule();
    if (next.phase === 'approved') options.onApproved();
  }

  function schedule(): void {
    timer = setTimeout(() => {
      timer = null;
      void options.call(false).then(apply);
    }, pollMs);
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
      const result = await options.call(false);
      // Only a request still waiting (or just approved) changes the screen; no request is idle.
      if (result.ok && (result.data.status === 'pending' || result.data.status === 'approved')) {
        apply(result);
      }
    },
  };
}
