/**
 * The backend's HTTP API for rooms and matches: one set of schemas (TypeBox, like the
 * realtime protocol) from which the backend validates requests and documents responses
 * (Elysia → OpenAPI at `/openapi/json`) and the extension checks what it gets back
 * (responses.ts). Types are derived, never written twice.
 */
import { type Static, Type } from '@sinclair/typebox';
import { FILM_PAGE_URL_MAX_LENGTH } from '../film-page.ts';
import { CINEMA_ID_MAX_LENGTH, CINEMA_ID_PATTERN, ROOM_ID_PATTERN } from '../ids.ts';
import { ParticipantSchema, PlaybackStateSchema } from '../protocol/primitives.ts';
import { registerDateTimeFormat } from './formats.ts';

registerDateTimeFormat();

/** Most friends invited to one room. */
export const MAX_INVITEES = 50;

/** Longest title accepted in a body (UTF-16 units); what is kept is shorter (film-page.ts). */
export const FILM_PAGE_TITLE_INPUT_MAX = 300;

/**
 * The largest request body the API accepts (bytes): a room body at the schema's every maximum
 * (rooms.test.ts builds one and checks it fits) with room for whitespace. Anything longer is
 * refused with 413 before it is read (backend/src/http/body-guard.ts).
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024;

const CinemaId = (description: string) =>
  Type.String({ pattern: CINEMA_ID_PATTERN, maxLength: CINEMA_ID_MAX_LENGTH, description });

/**
 * A scheduled start in request bodies: the create body's optional `startsAt` and the
 * reschedule body. The range (at least 5 s, at most 30 days ahead) needs the clock, so the
 * backend applies it (backend/src/schedule/model.ts, shared/src/schedule).
 */
export const StartsAtField = Type.String({
  format: 'date-time',
  maxLength: 40,
  description:
    'When the screening starts (RFC 3339 with an offset, e.g. 2026-12-05T20:00:00+03:00): at least 5 s and at most 30 days ahead',
});

/** `POST /api/rooms/:id/schedule` (owner only, before the start). */
export const RescheduleBody = Type.Object(
  { startsAt: StartsAtField },
  { additionalProperties: false },
);

/**
 * A page the cinema does not know ("any film page"). The schema bounds the sizes; the rules
 * for the address (http/https, no credentials, no fragment) and the title are
 * `shared/src/film-page.ts`, applied in backend/src/rooms/film-of-request.ts. Titles longer
 * than the kept length are cut there, not refused: the tab's title is whatever the site chose.
 */
export const FilmPageBody = Type.Object(
  {
    url: Type.String({
      // A serialised URL is printable ASCII (the rest is percent-encoded).
      pattern: '^[\\x21-\\x7E]+$',
      maxLength: FILM_PAGE_URL_MAX_LENGTH,
      description: 'The page address (http/https, no credentials, no #fragment)',
    }),
    title: Type.String({ maxLength: FILM_PAGE_TITLE_INPUT_MAX, description: 'The page title' }),
  },
  { additionalProperties: false },
);

/**
 * `POST /api/rooms`. Unknown fields are refused: a misspelt `allowLinkjoin` must not silently
 * do nothing. Exactly one of `filmId` (a film the cinema knows) and `page` (any other page)
 * names the film.
 */
export const CreateRoomBody = Type.Object(
  {
    filmId: Type.Optional(CinemaId("The cinema's film id (or give `page`)")),
    page: Type.Optional(FilmPageBody),
    invitees: Type.Array(CinemaId("A friend's user id"), {
      maxItems: MAX_INVITEES,
      description: "User ids of the owner's friends",
    }),
    allowLinkJoin: Type.Optional(
      Type.Boolean({ description: 'Anyone signed in who has the link may join (default false)' }),
    ),
    /** A scheduled screening instead of "now" (backend/src/schedule). */
    startsAt: Type.Optional(StartsAtField),
  },
  { additionalProperties: false },
);
export type CreateRoomInput = Static<typeof CreateRoomBody>;

/** Route parameter naming a room; one that cannot be an id is 404 like an unknown one. */
export const RoomIdParams = Type.Object({
  id: Type.String({ pattern: ROOM_ID_PATTERN, description: 'Room id' }),
});

/** Route parameter naming a film; one that cannot be an id is 404 like an unknown film. */
export const FilmParams = Type.Object({
  filmId: Type.String({ pattern: CINEMA_ID_PATTERN, maxLength: CINEMA_ID_MAX_LENGTH }),
});

/** A person as rooms and matches name them. */
export const PersonRefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type PersonRef = Static<typeof PersonRefSchema>;

/**
 * `GET /api/films/:filmId/matches`: the caller's friends who want to watch the film; also
 * `GET /api/friends`: all of them (for a page the cinema does not know).
 */
export const MatchesSchema = Type.Object({ matches: Type.Array(PersonRefSchema) });

const DateTime = Type.String({ format: 'date-time' });

/** The room JSON of `POST /api/rooms`, `GET /api/rooms/:id` and `POST /api/rooms/:id/close`. */
export const RoomSchema = Type.Object({
  id: Type.String(),
  filmId: Type.String(),
  filmTitle: Type.String(),
  filmUrl: Type.String(),
  ownerId: Type.String(),
  owner: PersonRefSchema,
  invitees: Type.Array(PersonRefSchema),
  allowLinkJoin: Type.Boolean(),
  /** The caller's own link: personal for an invitee, the plain room link otherwise. */
  joinUrl: Type.String(),
  createdAt: DateTime,
  closedAt: Type.Union([DateTime, Type.Null()]),
  closeReason: Type.Union([Type.String(), Type.Null()]),
  /** A scheduled screening's start (null: it started at creation). */
  startsAt: Type.Union([DateTime, Type.Null()]),
  participants: Type.Array(ParticipantSchema),
  playback: Type.Union([PlaybackStateSchema, Type.Null()]),
});
export type RoomView = Static<typeof RoomSchema>;

/** Every error answer: a sentence for people, a code for programs, sometimes details. */
export const ErrorSchema = Type.Object({
  error: Type.String(),
  code: Type.String(),
  details: Type.Optional(Type.Unknown()),
});
export type ApiErrorBody = Static<typeof ErrorSchema>;
