/**
 * The room as the overlay shows it, and the pure reducer that folds server
 * messages into it. No sockets, no clock reads: `now` is passed in.
 */
import type { KnockRequest, ServerMessage, ServerMessageOf } from '@kino/shared/protocol';
import { type ChatGap, firstGap, resumeCursor, settleGap } from '@kino/shared/room/chat-gaps';
import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import { formatFilmTime, type MessageKey } from '../i18n';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

export interface Toast {
  id: number;
  key: MessageKey;
  params: Record<string, string>;
  at: number;
  /** Set on toasts for someone's play/pause/seek, so a burst of them can become one. */
  playback?: { userId: string; sought: boolean };
}

export interface FloatingReaction {
  id: string;
  emoji: string;
  name: string;
  at: number;
}

/** A chat line or reaction sent but not yet echoed back by the server. */
export interface PendingChat {
  id: string;
  kind: 'text' | 'reaction';
  text: string;
}

export type WelcomeYou = ServerMessageOf<'welcome'>['you'];
export type WelcomeRoom = ServerMessageOf<'welcome'>['room'];

export interface RoomView {
  status: ConnectionStatus;
  you: WelcomeYou | null;
  room: WelcomeRoom | null;
  settings: RoomSettings | null;
  playback: PlaybackState | null;
  participants: Participant[];
  /** Oldest first, unique by id. */
  messages: ChatMessage[];
  /** Whether older history exists before `messages[0]`. */
  hasMore: boolean;
  /** A page of older history (scrolling back) is on its way. */
  loadingHistory: boolean;
  /** The gap between held lines being filled (a `history` request on its way), or null. */
  fillingGap: ChatGap | null;
  /** Gaps below this cursor are settled: filled, or proven to hold nothing. */
  gapsSettledBelow: number;
  pending: PendingChat[];
  toasts: Toast[];
  floating: FloatingReaction[];
  closedReason: 'closed-by-owner' | 'expired' | null;
  lastError: { code: string; message: string } | null;
  nextToastId: number;
  /** The owner's pending requests to join (PROTOCOL.md, Knock to join); others: empty. */
  knocks: KnockRequest[];
}

export const TOAST_MS = 5000;
export const FLOAT_MS = 4000;
/**
 * Play/pause/seek from one member this close together are one user action (a click
 * on the seek bar is pause, seek, play): they fold into one toast.
 */
export const TOAST_COALESCE_MS = 2000;
const MAX_TOASTS = 3;

export function initialRoomView(): RoomView {
  return {
    status: 'connecting',
    you: null,
    room: null,
    settings: null,
    playback: null,
    participants: [],
    messages: [],
    hasMore: false,
    loadingHistory: false,
    fillingGap: null,
    gapsSettledBelow: 0,
    pending: [],
    toasts: [],
    floating: [],
    closedReason: null,
    lastError: null,
    nextToastId: 1,
    knocks: [],
  };
}

/** Merges chat messages by id and keeps them ordered by cursor. */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.cursor - b.cursor);
}

const cursorsOf = (view: RoomView) => view.messages.map((m) => m.cursor);

/**
 * The cursor sent in `hello`: the end of the gap-free run the client holds, so a reconnect
 * fills holes instead of starting from the highest cursor seen.
 */
export function lastCursor(view: RoomView): number | undefined {
  return resumeCursor(cursorsOf(view), view.gapsSettledBelow);
}

/** The lowest unfilled gap in the chat the client holds (lines it missed), or null. */
export function chatGap(view: RoomView): ChatGap | null {
  return firstGap(cursorsOf(view), view.gapsSettledBelow);
}

/** Ids of `history` requests start with this, so an error about one is recognised. */
export const HISTORY_ID_PREFIX = 'h-';

/** Codes after which a message was not applied but sending it again may work. */
const RETRYABLE = new Set(['unavailable', 'internal']);

function addToast(
  view: RoomView,
  key: MessageKey,
  params: Record<string, string>,
  now: number,
  playback?: Toast['playback'],
): RoomView {
  const toast: Toast = {
    id: view.nextToastId,
    key,
    params,
    at: now,
    ...(playback && { playback }),
  };
  return {
    ...view,
    toasts: [...view.toasts, toast].slice(-MAX_TOASTS),
    nextToastId: view.nextToastId + 1,
  };
}

const ACTION_TOASTS: Record<string, MessageKey> = {
  play: 'toastPlay',
  pause: 'toastPause',
  seek: 'toastSeek',
  'wait-buffering': 'toastWait',
  resume: 'toastResume',
};

/** What one person's burst of play/pause/seek says, as one toast. */
function playbackToastKey(action: string, sought: boolean, playing: boolean): MessageKey {
  if (sought) return playing ? 'toastSeek' : 'toastSeekPaused';
  return ACTION_TOASTS[action] ?? 'toastSeek';
}

function onPlayback(view: RoomView, msg: ServerMessageOf<'playback'>, now: number): RoomView {
  // An older state overtaken by a newer one (instances, reconnects) never moves us back.
  if (view.playback && msg.playback.seq < view.playback.seq) return view;
  const next = { ...view, playback: msg.playback };
  const cause = msg.cause;
  // Your own actions need no toast; the server's snapshots (cause null) neither.
  if (!cause || cause.userId === view.you?.userId) return next;
  const params = { name: cause.name, time: formatFilmTime(msg.playback.position) };
  const isUserAction =
    cause.action === 'play' || cause.action === 'pause' || cause.action === 'seek';
  if (!isUserAction) {
    const key = ACTION_TOASTS[cause.action];
    return key ? addToast(next, key, params, now) : next;
  }
  const earlier = next.toasts.findLast(
    (toast) => toast.playback?.userId === cause.userId && now - toast.at < TOAST_COALESCE_MS,
  );
  const sought = (earlier?.playback?.sought ?? false) || cause.action === 'seek';
  const key = playbackToastKey(cause.action, sought, msg.playback.playing);
  if (!earlier) return addToast(next, key, params, now, { userId: cause.userId, sought });
  // The same toast says what the burst came to; its window starts again.
  const merged: Toast = {
    ...earlier,
    key,
    params,
    at: now,
    playback: { userId: cause.userId, sought },
  };
  return { ...next, toasts: next.toasts.map((toast) => (toast === earlier ? merged : toast)) };
}

function onPresence(view: RoomView, msg: ServerMessageOf<'presence'>, now: number): RoomView {
  const next = { ...view, participants: msg.participants };
  const event = msg.event;
  if (!event || event.userId === view.you?.userId) return next;
  if (event.kind === 'join') return addToast(next, 'toastJoin', { name: event.name }, now);
  if (event.kind === 'leave') return addToast(next, 'toastLeave', { name: event.name }, now);
  return next;
}

function onChat(view: RoomView, message: ChatMessage, now: number): RoomView {
  const next = {
    ...view,
    messages: mergeMessages(view.messages, [message]),
    pending: view.pending.filter((p) => p.id !== message.id),
  };
  if (message.kind !== 'reaction') return next;
  const float: FloatingReaction = {
    id: message.id,
    emoji: message.text,
    name: message.name,
    at: now,
  };
  return { ...next, floating: [...next.floating.filter((f) => f.id !== message.id), float] };
}

export function reduceServerMessage(view: RoomView, msg: ServerMessage, now: number): RoomView {
  switch (msg.type) {
    case 'welcome':
      return {
        ...view,
        status: 'connected',
        you: msg.you,
        room: msg.room,
        settings: msg.room.settings,
        playback: msg.playback,
        participants: msg.participants,
        // After a reconnect the welcome holds the newest page: keep what we had too. Lines
        // between the two that did not fit show up as a gap, filled with `history`.
        messages: mergeMessages(view.messages, msg.chat.messages),
        hasMore: view.messages.length > 0 ? view.hasMore : msg.chat.hasMore,
        // Requests of the previous connection will not be answered.
        loadingHistory: false,
        fillingGap: null,
        lastError: null,
      };
    case 'playback':
      return onPlayback(view, msg, now);
    case 'presence':
      return onPresence(view, msg, now);
    case 'chat':
      return onChat(view, msg.message, now);
    case 'history':
      return onHistory(view, msg);
    case 'settings':
      return {
        ...view,
        settings: msg.settings,
        // The server sends no new `you`: who may control follows from the new mode.
        you: view.you
          ? {
              ...view.you,
              canControl: view.you.isOwner || msg.settings.controlMode === 'everyone',
            }
          : null,
      };
    case 'room-closed':
      return { ...view, status: 'closed', closedReason: msg.reason };
    case 'error':
      return onError(view, msg);
    case 'knocks':
      return { ...view, knocks: msg.requests };
    case 'pong':
      return view;
  }
}

function onHistory(view: RoomView, msg: ServerMessageOf<'history'>): RoomView {
  const messages = mergeMessages(view.messages, msg.messages);
  if (view.fillingGap) {
    const settled = settleGap(view.fillingGap, msg, view.gapsSettledBelow);
    return { ...view, messages, fillingGap: null, gapsSettledBelow: settled };
  }
  return { ...view, messages, hasMore: msg.hasMore, loadingHistory: false };
}

function onError(view: RoomView, msg: ServerMessageOf<'error'>): RoomView {
  const aboutHistory = msg.ref === 'history' || msg.ref?.startsWith(HISTORY_ID_PREFIX) === true;
  // A refused chat line is dropped; one the server could not apply now is sent again.
  const refused = msg.ref !== undefined && !RETRYABLE.has(msg.code);
  return {
    ...view,
    loadingHistory: aboutHistory ? false : view.loadingHistory,
    fillingGap: aboutHistory ? null : view.fillingGap,
    lastError: { code: msg.code, message: msg.message },
    pending: refused ? view.pending.filter((p) => p.id !== msg.ref) : view.pending,
  };
}

/** Drops toasts and floating reactions older than their display time. */
export function expireTransient(view: RoomView, now: number): RoomView {
  const toasts = view.toasts.filter((t) => now - t.at < TOAST_MS);
  const floating = view.floating.filter((f) => now - f.at < FLOAT_MS);
  if (toasts.length === view.toasts.length && floating.length === view.floating.length) return view;
  return { ...view, toasts, floating };
}

export function addPending(view: RoomView, pending: PendingChat): RoomView {
  return { ...view, pending: [...view.pending.filter((p) => p.id !== pending.id), pending] };
}
