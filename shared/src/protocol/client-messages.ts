import { type Static, type TObject, Type } from '@sinclair/typebox';
import { KnockAnswerMessage, RevokeMessage } from './knock-messages.ts';
import { PlayerStateSchema } from './player-state.ts';
import {
  BufferPolicySchema,
  ChatText,
  ClientId,
  ControlModeSchema,
  Cursor,
  Id,
  Position,
  ReactionEmoji,
  Seq,
  Timestamp,
} from './primitives.ts';

/** Messages a client sends to the server (`GET /ws`). Every object is closed: no extra properties. */

const closed = { additionalProperties: false } as const;

/**
 * Optional on every message without an id of its own: chosen by the client, echoed as `ref`
 * in an error about that message (without it, `ref` is the message's type). Added within v1:
 * older clients leave it out.
 */
const RequestId = Type.Optional(ClientId);

export const HISTORY_DEFAULT_LIMIT = 30;
export const HISTORY_MAX_LIMIT = 100;
export const TOKEN_MAX_LENGTH = 4096;

export const HelloMessage = Type.Object(
  {
    type: Type.Literal('hello'),
    v: Type.Integer({ minimum: 0 }),
    /** The cinema's JWT: sent here rather than in the URL, which ends up in logs. */
    token: Type.String({ minLength: 1, maxLength: TOKEN_MAX_LENGTH }),
    roomId: Id,
    /** Identifies this tab across reconnects. */
    clientId: ClientId,
    /** Newest chat cursor the client already has, so a reconnect can fill the gap. */
    lastCursor: Type.Optional(Cursor),
  },
  closed,
);

export const PingMessage = Type.Object(
  {
    type: Type.Literal('ping'),
    id: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    /** Client clock (ms) when sent; echoed back so the client needs no bookkeeping. */
    t0: Timestamp,
  },
  closed,
);

const playbackCommand = <T extends 'play' | 'pause' | 'seek'>(type: T) =>
  Type.Object(
    {
      type: Type.Literal(type),
      id: RequestId,
      baseSeq: Seq,
      position: Position,
      /**
       * Optional: the client's estimate of server time (ms) when the user acted, from its
       * clock offset. The server anchors the new state there (clamped to the last second and
       * never before the current state), so the actor is not ahead of the room by its upload
       * delay. Older v1 clients omit it and the server uses its receive time.
       */
      at: Type.Optional(Timestamp),
    },
    closed,
  );

export const PlayMessage = playbackCommand('play');
export const PauseMessage = playbackCommand('pause');
export const SeekMessage = playbackCommand('seek');

export const BufferingMessage = Type.Object(
  { type: Type.Literal('buffering'), id: RequestId, stalled: Type.Boolean() },
  closed,
);

/** Whether this tab's player follows the room (player-state.ts); added within v1. */
export const PlayerStateMessage = Type.Object(
  { type: Type.Literal('player'), id: RequestId, state: PlayerStateSchema },
  closed,
);

export const ChatSendMessage = Type.Object(
  { type: Type.Literal('chat'), id: ClientId, text: ChatText },
  closed,
);

export const ReactionMessage = Type.Object(
  { type: Type.Literal('reaction'), id: ClientId, emoji: ReactionEmoji },
  closed,
);

export const HistoryRequestMessage = Type.Object(
  {
    type: Type.Literal('history'),
    id: RequestId,
    /** Cursor of the oldest message the client has; the page holds older ones. */
    before: Cursor,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_MAX_LIMIT })),
  },
  closed,
);

export const SettingsChangeMessage = Type.Object(
  {
    type: Type.Literal('settings'),
    id: RequestId,
    controlMode: Type.Optional(ControlModeSchema),
    bufferPolicy: Type.Optional(BufferPolicySchema),
  },
  // At least one setting (checked by the parser): an empty change is a client bug worth reporting.
  closed,
);

export const LeaveMessage = Type.Object({ type: Type.Literal('leave'), id: RequestId }, closed);

/** Schema of each client message by its `type`, so a parser validates against one member only. */
export const CLIENT_MESSAGE_SCHEMAS = {
  hello: HelloMessage,
  ping: PingMessage,
  play: PlayMessage,
  pause: PauseMessage,
  seek: SeekMessage,
  buffering: BufferingMessage,
  player: PlayerStateMessage,
  chat: ChatSendMessage,
  reaction: ReactionMessage,
  history: HistoryRequestMessage,
  settings: SettingsChangeMessage,
  leave: LeaveMessage,
  'knock-answer': KnockAnswerMessage,
  revoke: RevokeMessage,
} as const satisfies Record<string, TObject>;

export const ClientMessageSchema = Type.Union(Object.values(CLIENT_MESSAGE_SCHEMAS));

export type ClientMessageType = keyof typeof CLIENT_MESSAGE_SCHEMAS;
/** Built per member (not `Static` of the union) so TypeScript keeps a discriminated union. */
export type ClientMessage = {
  [K in ClientMessageType]: Static<(typeof CLIENT_MESSAGE_SCHEMAS)[K]>;
}[ClientMessageType];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
export type PlaybackCommand = ClientMessageOf<'play' | 'pause' | 'seek'>;
