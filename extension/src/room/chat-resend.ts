/**
 * Chat and reactions the server has not acknowledged yet are sent again under the same ids
 * (the server stores each id once): at once after every welcome, and, when the server says it
 * cannot take them now (`unavailable`), after 1, 2, 4, then every 8 s.
 */
import { retryDelayMs } from '@kino/shared/backoff';
import type { ClientMessage, Reaction } from '@kino/shared/protocol';
import type { PendingChat } from './room-state';

const RESEND_BACKOFF = { baseMs: 1_000, maxMs: 8_000 };

export class ChatResend {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly pending: () => readonly PendingChat[],
    private readonly send: (message: ClientMessage) => void,
  ) {}

  /** Whether an error's `ref` names a line still waiting for its acknowledgement. */
  isPending(ref: string | undefined): boolean {
    return ref !== undefined && this.pending().some((p) => p.id === ref);
  }

  /** After a welcome: everything pending goes out now, and the backoff starts over. */
  sendAllNow(): void {
    this.attempt = 0;
    this.sendAll();
  }

  /** The server could not take a line now: send what is pending again, a little later each time. */
  later(): void {
    if (this.timer) return;
    const delay = retryDelayMs(this.attempt + 1, RESEND_BACKOFF);
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendAll();
    }, delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private sendAll(): void {
    for (const line of this.pending()) {
      if (line.kind === 'text') this.send({ type: 'chat', id: line.id, text: line.text });
      else this.send({ type: 'reaction', id: line.id, emoji: line.text as Reaction });
    }
  }
}
