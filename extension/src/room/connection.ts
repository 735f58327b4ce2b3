/**
 * One tab's connection to a room: a reconnecting WebSocket (with backoff) that
 * says `hello` with a fresh token and the last chat cursor on every (re)connect,
 * measures the clock offset with pings (heartbeat.ts), resends unacknowledged chat
 * under the same client ids (chat-resend.ts), fills chat gaps (history-requests.ts) and
 * knows when to give up (close-policy.ts). State lives in a signal the UI reads; all state
 * changes go through the pure reducer in room-state.ts.
 */
import {
  type ClientMessage,
  type ClientMessageOf,
  createProtocolParsers,
  encode,
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
import type ReconnectingWebSocket from 'reconnecting-websocket';
import { ChatResend } from './chat-resend';
import { type ClockSync, createClockSync } from './clock';
import { afterServerClose, isFatalError } from './close-policy';
import { Heartbeat } from './heartbeat';
import { gapRequest, type HistoryRequest, olderPageRequest } from './history-requests';
import { onNetworkChange } from './network-events';
import { openRoomSocket, type WebSocketConstructor } from './room-socket';
import {
  addPending,
  expireTransient,
  HISTORY_ID_PREFIX,
  initialRoomView,
  lastCursor,
  type RoomView,
  reduceServerMessage,
} from './room-state';

export type { WebSocketConstructor } from './room-socket';

export interface RoomConnectionOptions {
  wsUrl: string;
  roomId: string;
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
  private readonly heartbeat: Heartbeat;
  private readonly ticker: ReturnType<typeof setInterval>;
  private everConnected = false;
  private closedByUs = false;
  private playerState: PlayerState = 'attached';
  /** Listeners for every accepted playback state (the player hook). */
  private readonly messageListeners = new Set<(msg: ServerMessage) => void>();
  private readonly resend = new ChatResend(
    () => this.view.value.pending,
    (message) => this.send(message),
  );

  constructor(private readonly options: RoomConnectionOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.socket = openRoomSocket(options.wsUrl, options.WebSocketImpl);
    this.socket.addEventListener('open', () => void this.sayHello());
    this.socket.addEventListener('message', (event) => this.receive(event.data));
    this.socket.addEventListener('close', (event) => this.onClose(event));
    this.heartbeat = new Heartbeat({
      now: this.now,
      ping: (id, t0) => this.send({ type: 'ping', id, t0 }),
      reconnect: () => this.socket.reconnect(),
    });
    this.ticker = setInterval(() => this.tick(), 1000);
    // Offline: hold chat and say so; back online: start afresh at once.
    this.unlisten = onNetworkChange(options.networkEvents ?? globalThis, {
      offline: () => {
        if (!this.closedByUs && this.view.value.status !== 'closed') {
          this.update({ ...this.view.value, status: 'offline' });
        }
      },
      online: () => {
        if (!this.closedByUs) this.socket.reconnect();
      },
    });
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

  /** Play, pause or seek for everyone from where the room is now (a jump to a reaction peak, Start now). */
  sendPlayback(type: 'play' | 'pause' | 'seek', position: number): void {
    const playback = this.view.value.playback;
    if (playback)
      this.sendCommand({ type, baseSeq: playback.seq, position: Math.max(0, position) });
  }

  /** Owner only: who may control playback, and whether the room waits for buffering members. */
  changeSettings(change: Partial<RoomSettings>): void {
    this.send(withId({ type: 'settings', ...change }, this.newId()));
  }

  /** Owner only: answer a knock, or take a member out of the room (PROTOCOL.md, Knock to join). */
  sendOwnerAction(action: ClientMessageOf<'knock-answer' | 'revoke'>): void {
    this.send(withId(action, this.newId()));
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

  /** Asks for the page before the oldest line shown (the user scrolled up). */
  loadOlder(): void {
    if (this.connected) this.requestHistory(olderPageRequest(this.view.value));
  }

  /** Asks for the lines of the lowest gap in the chat we hold, until it is filled. */
  private fillGap(): void {
    if (this.connected) this.requestHistory(gapRequest(this.view.value));
  }

  private requestHistory(request: HistoryRequest | null): void {
    if (!request) return;
    this.update(request.view);
    const id = `${HISTORY_ID_PREFIX}${this.newId()}`;
    this.send({ type: 'history', id, before: request.before, limit: request.limit });
  }

  /** Leaves the room for good (no reconnect). */
  leave(): void {
    this.send({ type: 'leave' });
    this.dispose();
  }

  dispose(): void {
    this.closedByUs = true;
    this.ended.value = true;
    clearInterval(this.ticker);
    this.resend.dispose();
    this.heartbeat.dispose();
    this.unlisten();
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
      clientId: this.options.clientId,
      ...(cursor === undefined ? {} : { lastCursor: cursor }),
    });
  }

  private receive(data: unknown): void {
    this.heartbeat.heard();
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
    if (msg.type === 'error' && isFatalError(msg.code)) this.stop();
    if (msg.type === 'error' && msg.code === 'unavailable' && this.resend.isPending(msg.ref)) {
      this.resend.later();
    }
    if (msg.type === 'room-closed') this.stop();
    this.fillGap();
    for (const listener of this.messageListeners) listener(msg);
  }

  private afterWelcome(): void {
    this.everConnected = true;
    this.resend.sendAllNow();
    // A new connection starts as following the room: say otherwise again.
    if (this.playerState !== 'attached') this.setPlayerState(this.playerState);
    this.heartbeat.welcomed();
  }

  private unlisten: () => void = () => {};

  private tick(): void {
    const now = this.now();
    this.update(expireTransient(this.view.value, now));
    if (!this.connected) return;
    // A gap request that failed (the server was busy) is asked again.
    this.fillGap();
    this.heartbeat.tick();
  }

  private onClose(event: { code: number; reason: string }): void {
    if (this.closedByUs || this.view.value.status === 'closed') return;
    const online = globalThis.navigator?.onLine !== false;
    const outcome = afterServerClose(this.view.value, event, {
      everConnected: this.everConnected,
      online,
    });
    this.update(outcome.view);
    if (outcome.stop) this.stop();
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
