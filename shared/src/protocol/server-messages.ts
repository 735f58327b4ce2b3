import { type Static, type TObject, Type } from '@sinclair/typebox';
import { ERROR_CODES } from './errors.ts';
import { KnocksMessage } from './knock-messages.ts';
import {
  ChatMessageSchema,
  DisplayName,
  Id,
  ParticipantSchema,
  PlaybackStateSchema,
  RoomSettingsSchema,
  Timestamp,
} from './primitives.ts';

/** Messages the server sends to a client. Every object is closed: no extra properties. */

const closed = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

export const WelcomeMessage = Type.Object(
  {
    type: Type.Literal('welcome'),
    v: Type.Integer({ minimum: 0 }),
    serverTime: Timestamp,
    you: Type.Object(
      {
        userId: Id,
        name: DisplayName,
        connectionId: Id,
        isOwner: Type.Boolean(),
        canControl: Type.Boolean(),
      },
      closed,
    ),
    room: Type.Object({ id: Id, filmId: Id, ownerId: Id, settings: RoomSettingsSchema }, closed),
    playback: PlaybackStateSchema,
    participants: Type.Array(ParticipantSchema),
    chat: Type.Object({ messages: Type.Array(ChatMessageSchema), hasMore: Type.Boolean() }, closed),
  },
  closed,
);

export const PongMessage = Type.Object(
  {
    type: Type.Literal('pong'),
    id: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    t0: Timestamp,
    serverTime: Timestamp,
  },
  closed,
);

export const PLAYBACK_ACTIONS = ['play', 'pause', 'seek', 'wait-buffering', 'resume'] as const;
export type PlaybackAction = (typeof PLAYBACK_ACTIONS)[number];

export const PlaybackUpdateMessage = Type.Object(
  {
    type: Type.Literal('playback'),
    playback: PlaybackStateSchema,
    /** Who changed it and how, for "Boris paused"; null when the server itself did (snapshot). */
    cause: Type.Union([
      Type.Object({ userId: Id, name: DisplayName, action: literals(PLAYBACK_ACTIONS) }, closed),
      Type.Null(),
    ]),
  },
  closed,
);

export const PRESENCE_EVENTS = ['join', 'leave', 'buffering', 'ready'] as const;
export type PresenceEventKind = (typeof PRESENCE_EVENTS)[number];

export const PresenceMessage = Type.Object(
  {
    type: Type.Literal('presence'),
    participants: Type.Array(ParticipantSchema),
    event: Type.Optional(
      Type.Object({ kind: literals(PRESENCE_EVENTS), userId: Id, name: DisplayName }, closed),
    ),
  },
  closed,
);

export const ChatBroadcastMessage = Type.Object(
  { type: Type.Literal('chat'), message: ChatMessageSchema },
  closed,
);

export const HistoryPageMessage = Type.Object(
  {
    type: Type.Literal('history'),
    /** Oldest first. */
    messages: Type.Array(ChatMessageSchema),
    hasMore: Type.Boolean(),
  },
  closed,
);

export const SettingsUpdateMessage = Type.Object(
  { type: Type.Literal('settings'), settings: RoomSettingsSchema },
  closed,
);

export const ErrorMessage = Type.Object(
  {
    type: Type.Literal('error'),
    code: literals(ERROR_CODES),
    message: Type.String({ maxLength: 1000 }),
    ref: Type.Optional(Type.String({ maxLength: 128 })),
    /** The server closes the connection right after a fatal error. */
    fatal: Type.Optional(Type.Boolean()),
  },
  closed,
);

export const ROOM_CLOSE_REASONS = ['closed-by-owner', 'expired'] as const;
export type RoomCloseReason = (typeof ROOM_CLOSE_REASONS)[number];

export const RoomClosedMessage = Type.Object(
  { type: Type.Literal('room-closed'), reason: literals(ROOM_CLOSE_REASONS) },
  closed,
);

export const SERVER_MESSAGE_SCHEMAS = {
  welcome: WelcomeMessage,
  pong: PongMessage,
  playback: PlaybackUpdateMessage,
  presence: PresenceMessage,
  chat: ChatBroadcastMessage,
  history: HistoryPageMessage,
  settings: SettingsUpdateMessage,
  error: ErrorMessage,
  'room-closed': RoomClosedMessage,
  knocks: KnocksMessage,
} as const satisfies Record<string, TObject>;

export const ServerMessageSchema = Type.Union(Object.values(SERVER_MESSAGE_SCHEMAS));

export type ServerMessageType = keyof typeof SERVER_MESSAGE_SCHEMAS;
/** Built per member (not `Static` of the union) so TypeScript keeps a discriminated union. */
export type ServerMessage = {
  [K in ServerMessageType]: Static<(typeof SERVER_MESSAGE_SCHEMAS)[K]>;
}[ServerMessageType];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;
