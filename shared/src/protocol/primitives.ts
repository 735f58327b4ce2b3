import { type Static, Type } from '@sinclair/typebox';
import { ShownPlayerStateSchema } from './player-state.ts';

/**
 * Building blocks shared by both message directions. TypeBox's default policy rejects
 * NaN and ±Infinity for every Number, so "finite" needs no extra rule.
 */

/** A film position in seconds: never negative, never longer than a day. */
export const MAX_POSITION_SEC = 24 * 60 * 60;
export const Position = Type.Number({ minimum: 0, maximum: MAX_POSITION_SEC });

/** Playback sequence number and chat cursor. */
export const Seq = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
export const Cursor = Seq;

/** Milliseconds since the epoch (server or client clock). */
export const Timestamp = Type.Number({ minimum: 0 });

/** Opaque server-side ids (users, connections, rooms, films). */
export const Id = Type.String({ minLength: 1, maxLength: 128 });

/** Client-chosen idempotency key of a chat message or reaction. */
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9_-]{8,64}$';
export const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: CLIENT_ID_PATTERN });

export const DISPLAY_NAME_MAX = 64;
export const DisplayName = Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX });

/** Playback rate the room plays at (the film's speed, not a drift nudge). */
export const Rate = Type.Number({ exclusiveMinimum: 0, maximum: 16 });

/** Reactions a member can send; the overlay shows them as buttons in this order. */
export const REACTIONS = ['😢', '😱', '😁', '😍', '👍', '👏', '🔥', '😮', '😂', '❤️'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const ReactionEmoji = Type.Union(REACTIONS.map((emoji) => Type.Literal(emoji)));

export const CHAT_TEXT_MAX = 500;
/** Chat text: at most 500 characters and not only whitespace (parsers trim it). */
export const ChatText = Type.String({ minLength: 1, maxLength: CHAT_TEXT_MAX, pattern: '\\S' });

export const ControlModeSchema = Type.Union([Type.Literal('everyone'), Type.Literal('owner')]);
export const BufferPolicySchema = Type.Union([Type.Literal('wait'), Type.Literal('continue')]);

const closed = { additionalProperties: false } as const;

export const PlaybackStateSchema = Type.Object(
  { playing: Type.Boolean(), position: Position, at: Timestamp, rate: Rate, seq: Seq },
  closed,
);

export const RoomSettingsSchema = Type.Object(
  { controlMode: ControlModeSchema, bufferPolicy: BufferPolicySchema },
  closed,
);

export const ParticipantSchema = Type.Object(
  {
    userId: Id,
    name: DisplayName,
    connectionId: Id,
    instanceId: Id,
    joinedAt: Timestamp,
    buffering: Type.Boolean(),
    /** Absent while the member's player follows the room (player-state.ts). */
    player: Type.Optional(ShownPlayerStateSchema),
  },
  closed,
);

export const ChatMessageSchema = Type.Object(
  {
    id: ClientId,
    cursor: Cursor,
    kind: Type.Union([Type.Literal('text'), Type.Literal('reaction')]),
    userId: Id,
    name: DisplayName,
    // Reactions carry their emoji here; the union keeps both kinds in one paging cursor.
    text: Type.String({ minLength: 1, maxLength: CHAT_TEXT_MAX }),
    at: Timestamp,
    position: Position,
  },
  closed,
);

export type PlaybackStateMessage = Static<typeof PlaybackStateSchema>;
export type RoomSettingsMessage = Static<typeof RoomSettingsSchema>;
export type ParticipantMessage = Static<typeof ParticipantSchema>;
export type ChatMessageMessage = Static<typeof ChatMessageSchema>;
