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
  type PlaybackCommand,
  PROTOCOL_VERSION,
  type Reaction,
  type ServerMessage,
} from '@kino/shared/protocol';
import type { RoomSettings } from '@kino/shared/types';
import { type Signal, signal } from '@preact/signals';
import ReconnectingWebSocket from 'reconnecting-websocket';
import { type ClockSync, createClockSync } from './clock';
import {
  addPending,
  expireTransient,
  initialRoomView,
  lastCursor,
  type RoomView,
  reduceServerMessage,
} from './room-state';

/** Errors after which reconnecting cannot help: the user must act. */
const FATAL_CODES = new Set([
  'version_mismatch',
  'unauthorized',
  'forbidden',
  'not_found',
  'room_closed',
]);
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
    this.socket.addEventListener('close', () => this.onClose());
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
    this.send(command);
  }

  sendPlayback(type: 'play' | 'pause' | 'seek', position: number): void {
    const playback = this.view.value.playback;
    if (!playback) return;
    this.send({ type, baseSeq: playback.seq, position: Math.max(0, position) });
  }

  /** Owner only: who may control playback, and whether the room waits for buffering members. */
  changeSettings(change: Partial<RoomSettings>): void {
    this.send({ type: 'settings', ...change });
  }

  setBuffering(stalled: boolean): void {
    this.send({ type: 'buffering', stalled });
  }

  sendChat(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const id = this.newId();
    this.update(addPending(this.view.value, { id, kind: 'text', text: trimmed.slice(0, 500) }));
    this.send({ type: 'chat', id, text: trimmed.slice(0, 500) });
  }

  sendReaction(emoji: Reaction): void {
    const id = this.newId();
    this.update(addPending(this.view.value, { id, kind: 'reaction', text: emoji }));
    this.send({ type: 'reaction', id, emoji });
  }

  loadOlder(): void {
    const view = this.view.value;
    const oldest = view.messages[0];
    if (!oldest || !view.hasMore || view.loadingHistory || !this.connected) return;
    this.update({ ...view, loadingHistory: true });
    this.send({ type: 'history', before: oldest.cursor, limit: HISTORY_PAGE });
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
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      // A server bug must not break the overlay: note it and carry on.
      console.warn('[kino] ignored server message:', parsed.error.message);
      return;
    }
    const msg = parsed.message;
    if (msg.type === 'pong') this.clock.addSample(msg.t0, msg.serverTime, this.now());
    this.update(reduceServerMessage(this.view.value, msg, this.now()));
    if (msg.type === 'welcome') this.afterWelcome();
    if (msg.type === 'error' && (msg.fatal || FATAL_CODES.has(msg.code))) this.stop();
    if (msg.type === 'room-closed') this.stop();
    for (const listener of this.messageListeners) listener(msg);
  }

  private afterWelcome(): void {
    this.everConnected = true;
    for (const pending of this.view.value.pending) {
      if (pending.kind === 'text') this.send({ type: 'chat', id: pending.id, text: pending.text });
      else this.send({ type: 'reaction', id: pending.id, emoji: pending.text as Reaction });
    }
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
    if (now - this.lastPingAt > PING_INTERVAL_MS) {
      this.lastPingAt = now;
      this.ping();
    }
    if (now - this.lastFrameAt > SILENCE_LIMIT_MS) {
      this.lastFrameAt = now;
      this.socket.reconnect();
    }
  }

  private onClose(): void {
    if (this.closedByUs) return;
    if (this.view.value.status === 'closed') return;
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
