/**
 * One room's chat as this instance hands it to its sockets: every line exactly once, in cursor
 * order, whatever the bus did. The record gives cursors one by one (1, 2, 3, …) and commits
 * them in that order, so the feed knows which cursor comes next:
 * - a line ahead of its turn (another instance published first) waits FEED_FILL_AFTER_MS for
 *   the ones before it, then those are read from the record;
 * - a line already handed out (an echo, a resend of a stored line) is dropped;
 * - after the bus was away (`catchUp`), or when the record has lines nobody published (an
 *   instance died between storing and publishing), the missing lines are read from the record.
 * A cursor the record proves absent is skipped (and handed out should it turn up after all).
 */
import type { ChatMessage } from '@kino/shared/types';
import { FEED_FILL_AFTER_MS, FEED_FILL_PAGE } from './limits.ts';

export interface ChatFeedDeps {
  /** Lines with cursor > `after`, oldest first, at most `limit` (the record). */
  fetchAfter(after: number, limit: number): Promise<ChatMessage[]>;
  /** Hands a line to this instance's sockets of the room (`text`: its frame, when known). */
  emit(message: ChatMessage, text?: string): void;
  onError(error: unknown): void;
  fillAfterMs?: number;
  pageSize?: number;
}

/** Skipped cursors remembered, in case one turns up after all (bounded memory). */
const MAX_SKIPPED = 1_000;

export class ChatFeed {
  /** The cursor handed out next; null until the room's first member set the starting point. */
  private next: number | null = null;
  private readonly held = new Map<number, ChatMessage>();
  /** The frames of held lines, when they came encoded (off the bus). */
  private readonly heldText = new Map<number, string>();
  private readonly skipped = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private filling: Promise<void> | null = null;
  /** A catch-up was asked for before the start: it runs from the starting point. */
  private catchUpOnStart = false;
  private disposed = false;

  constructor(private readonly deps: ChatFeedDeps) {}

  /** The newest cursor handed out (or covered by a welcome), or null before the start. */
  get delivered(): number | null {
    return this.next === null ? null : this.next - 1;
  }

  /** Sets the starting point from the first member's welcome: lines after `floor` flow. */
  start(floor: number): void {
    if (this.next !== null) return;
    this.next = floor + 1;
    this.drain();
    if (this.catchUpOnStart) void this.fill(true);
    this.catchUpOnStart = false;
  }

  accept(message: ChatMessage, text?: string): void {
    if (this.disposed) return;
    if (this.next === null || message.cursor > this.next) {
      this.held.set(message.cursor, message);
      if (text !== undefined) this.heldText.set(message.cursor, text);
      if (this.next !== null) this.schedule();
      return;
    }
    if (message.cursor < this.next) {
      // Already handed out (an echo, a resend) — unless it was skipped as absent.
      if (this.skipped.delete(message.cursor)) this.deps.emit(message, text);
      return;
    }
    this.deps.emit(message, text);
    this.next++;
    this.drain();
  }

  /**
   * Reads what the record has after the last line handed out (the bus was away, or an instance
   * published nothing while it thought it served the room alone); before the start, from there.
   */
  catchUp(): Promise<void> {
    if (this.next === null) this.catchUpOnStart = true;
    return this.fill(true);
  }

  /** The record's newest cursor is `cursor`: fetch what this feed has not handed out. */
  noteRecordCursor(cursor: number): void {
    if (this.next !== null && cursor >= this.next) void this.fill(true);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
    this.heldText.clear();
  }

  private drain(): void {
    // The common case (every line in its turn): nothing held, nothing to copy or look up.
    if (this.next === null || this.held.size === 0) return;
    for (const cursor of [...this.held.keys()]) {
      if (cursor >= this.next) continue;
      this.held.delete(cursor);
      this.heldText.delete(cursor);
    }
    for (let line = this.held.get(this.next); line; line = this.held.get(this.next)) {
      const text = this.heldText.get(this.next);
      this.held.delete(this.next);
      this.heldText.delete(this.next);
      this.deps.emit(line, text);
      this.next++;
    }
    if (this.held.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fill(false);
    }, this.deps.fillAfterMs ?? FEED_FILL_AFTER_MS);
  }

  private fill(toTheEnd: boolean): Promise<void> {
    // One fill at a time; a catch-up asked for meanwhile runs after it.
    const previous = this.filling ?? Promise.resolve();
    const run = previous.then(() => this.fillOnce(toTheEnd));
    this.filling = run.finally(() => {
      if (this.filling === run) this.filling = null;
    });
    return run;
  }

  private async fillOnce(toTheEnd: boolean): Promise<void> {
    const pageSize = this.deps.pageSize ?? FEED_FILL_PAGE;
    try {
      for (;;) {
        if (this.disposed || this.next === null) return;
        if (!toTheEnd && this.held.size === 0) return;
        // Every held line was committed before we ask, and so was every line before it.
        const target = this.held.size > 0 ? Math.min(...this.held.keys()) : null;
        const lines = await this.deps.fetchAfter(this.next - 1, pageSize);
        for (const line of lines) this.accept(line);
        if (lines.length === pageSize) continue;
        if (target !== null && this.next !== null && target > this.next) {
          this.skip(this.next, target);
          this.next = target;
          this.drain();
        }
        return;
      }
    } catch (error) {
      this.deps.onError(error);
      if (this.held.size > 0) this.schedule();
    }
  }

  private skip(from: number, to: number): void {
    for (let cursor = from; cursor < to; cursor++) this.skipped.add(cursor);
    while (this.skipped.size > MAX_SKIPPED) {
      this.skipped.delete(this.skipped.values().next().value as number);
    }
  }
}
