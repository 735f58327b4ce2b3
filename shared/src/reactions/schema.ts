/**
 * The room's reaction timeline over HTTP (backend/src/reactions): one schema for each query
 * and each answer, used by the backend to check what it is asked and by the extension to
 * check what it gets. Answers are bounded by construction: a histogram has exactly
 * TIMELINE_BINS bins, a window page at most WINDOW_PAGE_MAX reactions and never more than
 * MAX_SERVER_FRAME_BYTES (the same 16 KiB budget as a WebSocket frame).
 */
import { type Static, Type } from '@sinclair/typebox';
import {
  Cursor,
  Id,
  MAX_POSITION_SEC,
  Position,
  REACTIONS,
  type Reaction,
  ReactionEmoji,
} from '../protocol/primitives.ts';

/** Bins of a histogram, whatever the film's length: a 2-hour film has 1-minute bins. */
export const TIMELINE_BINS = 120;
/** The widest window of film time one page request may cover (s). */
export const MAX_WINDOW_SEC = 600;
/** Reactions in one page at most (fewer when they would not fit the byte budget). */
export const WINDOW_PAGE_MAX = 100;
export const WINDOW_PAGE_DEFAULT = 50;
/**
 * Reactions one room keeps. Past it a reaction is refused (and floats for no one): at 5/s
 * per person it takes a full room over an hour and a half of nonstop reacting to get there.
 */
export const MAX_ROOM_REACTIONS = 20_000;

const closed = { additionalProperties: false } as const;

/** `GET /api/rooms/:id/reactions/histogram?duration=<s>`: bins over [0, duration). */
export const HistogramQuerySchema = Type.Object(
  { duration: Type.Number({ exclusiveMinimum: 0, maximum: MAX_POSITION_SEC }) },
  closed,
);
export type HistogramQuery = Static<typeof HistogramQuerySchema>;

export const HistogramBinSchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0 }),
    /** The emoji sent most in this bin (ties: the earlier in REACTIONS); null when empty. */
    emoji: Type.Union([ReactionEmoji, Type.Null()]),
  },
  closed,
);
export type HistogramBin = Static<typeof HistogramBinSchema>;

export const HistogramSchema = Type.Object(
  {
    duration: Type.Number({ exclusiveMinimum: 0, maximum: MAX_POSITION_SEC }),
    total: Type.Integer({ minimum: 0 }),
    bins: Type.Array(HistogramBinSchema, { minItems: TIMELINE_BINS, maxItems: TIMELINE_BINS }),
  },
  closed,
);
export type Histogram = Static<typeof HistogramSchema>;

/**
 * `GET /api/rooms/:id/reactions?from=&to=[&afterCursor=][&limit=]`: reactions with
 * `from ≤ position < to` in film order; `afterCursor` continues a page (see `next`).
 */
export const WindowQuerySchema = Type.Object(
  {
    from: Position,
    to: Position,
    /** With it: only reactions after (`from`, `afterCursor`) in (position, cursor) order. */
    afterCursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: WINDOW_PAGE_MAX })),
  },
  closed,
);
export type WindowQuery = Static<typeof WindowQuerySchema>;

export const TimelineReactionSchema = Type.Object(
  {
    id: Id,
    cursor: Cursor,
    emoji: ReactionEmoji,
    position: Position,
    userId: Id,
    name: Type.String({ maxLength: 128 }),
  },
  closed,
);
export type TimelineReaction = Static<typeof TimelineReactionSchema>;

export const WindowPageSchema = Type.Object(
  {
    reactions: Type.Array(TimelineReactionSchema, { maxItems: WINDOW_PAGE_MAX }),
    /** Where the next page starts (`from` = position, `afterCursor` = cursor); null: done. */
    next: Type.Union([Type.Object({ position: Position, cursor: Cursor }, closed), Type.Null()]),
  },
  closed,
);
export type WindowPage = Static<typeof WindowPageSchema>;

/** Whether stored text is one of the reactions (rows are checked on the way out too). */
export function isReactionEmoji(text: string): text is Reaction {
  return (REACTIONS as readonly string[]).includes(text);
}
