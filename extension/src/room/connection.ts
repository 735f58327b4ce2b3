/**
 * One tab's connection to a room: a reconnecting WebSocket (with backoff) that
 * says `hello` with a fresh token and the last chat cursor on every (re)connect,
 * measures the clock offset with pings, and resends unacknowledged chat after a
 * reconnect under the same client ids (the server stores each id once).
 * State lives in a signal the UI reads; all state changes go through the pure
 * reducer in room-state.ts.
 */
import {
  type ClientMessage,
  createProtocolParsers,
  encode,
  HISTORY_MAX_LIMIT,
  MAX_SERVER_FRAME_BYTES,
  normalizeChatText,
  type PlaybackCommand,
  PROTOCOL_VERSION,
  type Reaction,
  type ServerMessage,
} from '@kino/shared/protocol';
import type { PlayerState } from '@kino/shared/protocol/player-state';
import type { RoomSettings } from '@kino/shared/types';
import { type Signal, signal } from '@preact/signals';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { type ClockSync, createClockSync } from './clock';
import {
  addPending,
  chatGap,
  expireTransient,
  HISTORY_ID_PREFIX,
  initialRoomView,
  lastCursor,
  type RoomView,
  reduceServerMessage,
} from './room-state';

/**
 * Errors after which reconnecting cannot help: the user must act. (`fatal: true` alone only
 * says the server closes the socket: after `unavailable` or `internal` we come back.)
 */
const FATAL_CODES = new Set([
  'version_mismatch',
  'unauthorized',
  'forbidden',
  'not_found',
  'room_closed',
  'room_full',
  'too_many_connections',
]);
/**
 * Close codes from the server after which we do not reconnect: version mismatch, denied, room
 * closed, abuse, room full, replaced by a newer connection of this tab. (1000 is what our own
 * reconnects close with; after a `leave` we have stopped already.)
 */
const FINAL_CLOSE_CODES = new Set([4002, 4003, 4004, 4008, 4009, 4010]);
/** Pending chat the server could not take now (`unavailable`) is sent again after this. */
const RESEND_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];
const PING_BURST = 5;
const PING_BURST_GAP_MS = 150;
const PING_INTERVAL_MS = 15_000;
const HISTORY_PAGE = 30;
/** No frame for this long (pongs come every 15 s) means a dead socket: reconnect. */
const SILENCE_LIMIT_MS = 40_000;

/** The part of the WebSocket constructor reconnecting-websocket needs (swapped in tests). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export interface RoomConnectionOptions {
  wsUrl: string;
  roomId: string;
  invite: string | null;
  /** Identifies this tab across reconnects. */
  clientId: string;
  /** A fresh cinema token for each hello (tokens expire). */
  getToken: () => Promise<string | null>;
  now?: () => number;
  WebSocketImpl?: WebSocketConstructor;
  /** Id generator for chat lines and reactions. */
  newId?: () => string;
  /** Where `online`/`offline` events come from (the window). */
  networkEvents?: EventTarget;
}

const { parseServerMessage } = createProtocolParsers('interpreted');

/** Requests carry an id, so an error about one names it (`ref`). */
const withId = <M extends ClientMessage>(message: M, id: string): M => ({ ...message, id });

export class RoomConnection {
  readonly view: Signal<RoomView> = signal(initialRoomView());
  readonly clock: ClockSync = createClockSync();
  /** True once the connection gave up for good (left, room closed, fatal error). */
  readonly ended: Signal<boolean> = signal(false);
  private readonly socket: ReconnectingWebSocket;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pingId = 0;
  private everConnected = false;
  private closedByUs = false;
  private playerState: PlayerState = 'attached';
  /** Listeners for every accepted playback state (the player hook). */
  private readonly messageListeners = new Set<(msg: ServerMessage) => void>();

  constructor(private readonly options: RoomConnectionOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.socket = new ReconnectingWebSocket(options.wsUrl, [], {
      WebSocket: options.WebSocketImpl ?? globalThis.WebSocket,
      minReconnectionDelay: 500,
      maxReconnectionDelay: 10_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 5000,
      // Nothing may go out before `hello`: we resend what matters ourselves.
      maxEnqueuedMessages: 0,
    });
    this.socket.addEventListener('open', () => void this.sayHello());
    this.socket.addEventListener('message', (event) => this.receive(event.data));
    this.socket.addEventListener('close', (event) => this.onClose(event));
    this.pingTimer = setInterval(() => this.tick(), 1000);
    // A dropped Wi-Fi often leaves the socket looking open: trust the browser's
    // network events, hold chat while offline and start afresh when back.
    const network = options.networkEvents ?? globalThis;
    const onOffline = () => {
      if (!this.closedByUs && this.view.value.status !== 'closed') {
        this.update({ ...this.view.value, status: 'offline' });
      }
    };
    const onOnline = () => {
      if (!this.closedByUs) this.socket.reconnect();
    };
    network.addEventListener?.('offline', onOffline);
    network.addEventListener?.('online', onOnline);
    this.unlisten = () => {
      network.removeEventListener?.('offline', onOffline);
      network.removeEventListener?.('online', onOnline);
    };
  }

  /** Called with every valid server message after the view was updated. */
  onMessage(listener: (msg: ServerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  get connected(): boolean {
    return this.view.value.status === 'connected';
  }

  /** Server time now, by the best clock-offset estimate so far. */
  serverNow(): number {
    return this.clock.serverNow(this.now());
  }

  /** A command built by the shared command helper (it chose the baseSeq). */
  sendCommand(command: PlaybackCommand): void {
    this.send(withId(command, this.newId()));
  }

  sendPlayback(type: 'play' | 'pause' | 'seek', position: number): void {
    const playback = this.view.value.playback;
    if (!playback) return;
    this.sendCommand({ type, baseSeq: playback.seq, position: Math.max(0, position) });
  }

  /** Owner only: who may control playback, and whether the room waits for buffering members. */
  changeSettings(change: Partial<RoomSettings>): void {
    this.send(withId({ type: 'settings', ...change }, this.newId()));
  }

  setBuffering(stalled: boolean): void {
    this.send(withId({ type: 'buffering', stalled }, this.newId()));
  }

  /** Whether this tab's player follows the room; sent again after every (re)join. */
  setPlayerState(state: PlayerState): void {
    this.playerState = state;
    this.send(withId({ type: 'player', state }, this.newId()));
  }

  /** Sends a chat line; false when it would show nothing (only spaces, invisible characters). */
  sendChat(text: string): boolean {
    const normalized = normalizeChatText(text.slice(0, 500));
    if (!normalized.ok) return false;
    const id = this.newId();
    this.update(addPending(this.view.value, { id, kind: 'text', text: normalized.text }));
    this.send({ type: 'chat', id, text: normalized.text });
    return true;
  }

  sendReaction(emoji: Reaction): void {
    const id = this.newId();
    this.update(addPending(this.view.value, { id, kind: 'reaction', text: emoji }));
    this.send({ type: 'reaction', id, emoji });
  }

  loadOlder(): void {
    const view = this.view.value;
    const oldest = view.messages[0];
    if (!oldest || !view.hasMore || this.historyInFlight() || !this.connected) return;
    this.update({ ...view, loadingHistory: true });
    this.sendHistory(oldest.cursor, HISTORY_PAGE);
  }

  private historyInFlight(): boolean {
    return this.view.value.loadingHistory || this.view.value.fillingGap !== null;
  }

  private sendHistory(before: number, limit: number): void {
    this.send({ type: 'history', id: `${HISTORY_ID_PREFIX}${this.newId()}`, before, limit });
  }

  /**
   * Asks for the lines of the lowest gap in the chat we hold (a welcome page that could not
   * hold every missed line, a line the network lost): one request at a time, until filled.
   */
  private fillGap(): void {
    const view = this.view.value;
    if (!this.connected || this.historyInFlight()) return;
    const gap = chatGap(view);
    if (!gap) return;
    this.update({ ...view, fillingGap: gap });
    this.sendHistory(gap.before, Math.min(HISTORY_MAX_LIMIT, gap.before - gap.after - 1));
  }

  /** Leaves the room for good (no reconnect). */
  leave(): void {
    this.send({ type: 'leave' });
    this.dispose();
  }

  dispose(): void {
    this.closedByUs = true;
    this.ended.value = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.unlisten();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.socket.close(1000, 'left');
    if (this.view.value.status !== 'closed') this.update({ ...this.view.value, status: 'offline' });
  }

  private send(message: ClientMessage): void {
    // Before `welcome` the server would refuse it; chat stays pending and is resent.
    if (!this.connected || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(encode(message));
  }

  private sendRaw(message: ClientMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encode(message));
  }

  private async sayHello(): Promise<void> {
    const token = await this.options.getToken();
    if (!token) {
      this.fail('unauthorized', 'not signed in to the cinema');
      return;
    }
    const cursor = lastCursor(this.view.value);
    this.sendRaw({
      type: 'hello',
      v: PROTOCOL_VERSION,
      token,
      roomId: this.options.roomId,
      ...(this.options.invite ? { invite: this.options.invite } : {}),
      clientId: this.options.clientId,
      ...(cursor === undefined ? {} : { lastCursor: cursor }),
    });
  }

  private receive(data: unknown): void {
    this.lastFrameAt = this.now();
    if (typeof data !== 'string') return;
    const parsed = parseServerMessage(data, MAX_SERVER_FRAME_BYTES);
    if (!parsed.ok) {
      // A server bug must not break the overlay: note it and carry on.
      console.warn('[kino] ignored server message:', parsed.error.message);
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'pong') this.clock.addSample(msg.t0, msg.serverTime, this.now());
    this.update(reduceServerMessage(this.view.value, msg, this.now()));
    if (msg.type === 'welcome') this.afterWelcome();
    if (msg.type === 'error' && FATAL_CODES.has(msg.code)) this.stop();
    if (msg.type === 'error' && msg.code === 'unavailable' && this.isPending(msg.ref)) {
      this.scheduleResend();
    }
    if (msg.type === 'room-closed') this.stop();
    this.fillGap();
    for (const listener of this.messageListeners) listener(msg);
  }

  private isPending(ref: string | undefined): boolean {
    return ref !== undefined && this.view.value.pending.some((p) => p.id === ref);
  }

  private resendAttempt = 0;
  private resendTimer: ReturnType<typeof setTimeout> | null = null;

  /** The server could not take a line now: send what is pending again, a little later each time. */
  private scheduleResend(): void {
    if (this.resendTimer) return;
    const delay = RESEND_DELAYS_MS[Math.min(this.resendAttempt, RESEND_DELAYS_MS.length - 1)];
    this.resendAttempt++;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      this.resendPending();
    }, delay);
  }

  private resendPending(): void {
    for (const pending of this.view.value.pending) {
      if (pending.kind === 'text') this.send({ type: 'chat', id: pending.id, text: pending.text });
      else this.send({ type: 'reaction', id: pending.id, emoji: pending.text as Reaction });
    }
  }

  private afterWelcome(): void {
    this.everConnected = true;
    this.resendAttempt = 0;
    this.resendPending();
    // A new connection starts as following the room: say otherwise again.
    if (this.playerState !== 'attached') this.setPlayerState(this.playerState);
    for (let i = 0; i < PING_BURST; i++) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.ping();
      }, i * PING_BURST_GAP_MS);
      this.timers.add(timer);
    }
  }

  private ping(): void {
    this.send({ type: 'ping', id: this.pingId++, t0: this.now() });
  }

  private lastPingAt = 0;
  private lastFrameAt = 0;
  private unlisten: () => void = () => {};

  private tick(): void {
    const now = this.now();
    this.update(expireTransient(this.view.value, now));
    if (!this.connected) return;
    // A gap request that failed (the server was busy) is asked again.
    this.fillGap();
    if (now - this.lastPingAt > PING_INTERVAL_MS) {
      this.lastPingAt = now;
      this.ping();
    }
    if (now - this.lastFrameAt > SILENCE_LIMIT_MS) {
      this.lastFrameAt = now;
      this.socket.reconnect();
    }
  }

  private onClose(event: { code: number; reason: string }): void {
    if (this.closedByUs) return;
    if (this.view.value.status === 'closed') return;
    if (FINAL_CLOSE_CODES.has(event.code)) {
      // The server told us not to come back (and usually why, in an error before).
      const lastError = this.view.value.lastError ?? {
        code: String(event.code),
        message: event.reason,
      };
      this.update({ ...this.view.value, lastError });
      this.stop();
      return;
    }
    const offline = globalThis.navigator?.onLine === false;
    const status = offline ? 'offline' : this.everConnected ? 'reconnecting' : 'connecting';
    this.update({ ...this.view.value, status });
  }

  private fail(code: string, message: string): void {
    this.update({ ...this.view.value, lastError: { code, message } });
    this.stop();
  }

  private stop(): void {
    const closed = this.view.value.status === 'closed';
    this.dispose();
    if (closed) this.update({ ...this.view.value, status: 'closed' });
  }

  private update(next: RoomView): void {
    if (next !== this.view.value) this.view.value = next;
  }
}
