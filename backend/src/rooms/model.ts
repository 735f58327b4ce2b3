import { FILM_PAGE_URL_MAX_LENGTH } from '@kino/shared/film-page';
import { ROOM_ID_PATTERN } from '@kino/shared/ids';
import { t } from 'elysia';
import { CINEMA_ID_MAX_LENGTH, CINEMA_ID_PATTERN } from '../directory/ids.ts';

/** Most friends invited to one room. */
export const MAX_INVITEES = 50;

/** Longest title accepted in a body (UTF-16 units); what is kept is shorter (film-page.ts). */
export const FILM_PAGE_TITLE_INPUT_MAX = 300;

const CinemaId = (description: string) =>
  t.String({ pattern: CINEMA_ID_PATTERN, maxLength: CINEMA_ID_MAX_LENGTH, description });

/**
 * A page the cinema does not know ("any film page"). The schema bounds the sizes; the rules
 * for the address (http/https, no credentials, no fragment) and the title are
 * `@kino/shared/film-page`, applied in film-of-request.ts. Titles longer than the kept
 * length are cut there, not refused: the tab's title is whatever the site chose.
 */
export const FilmPageBody = t.Object(
  {
    url: t.String({
      // A serialised URL is printable ASCII (the rest is percent-encoded).
      pattern: '^[\\x21-\\x7E]+$',
      maxLength: FILM_PAGE_URL_MAX_LENGTH,
      description: 'The page address (http/https, no credentials, no #fragment)',
    }),
    title: t.String({ maxLength: FILM_PAGE_TITLE_INPUT_MAX, description: 'The page title' }),
  },
  { additionalProperties: false },
);

/**
 * Unknown fields are refused: a misspelt `allowLinkjoin` must not silently do nothing.
 * Exactly one of `filmId` (a film the cinema knows) and `page` (any other page) names the film.
 */
export const CreateRoomBody = t.Object(
  {
    filmId: t.Optional(CinemaId("The cinema's film id (or give `page`)")),
    page: t.Optional(FilmPageBody),
    invitees: t.Array(CinemaId("A friend's user id"), {
      maxItems: MAX_INVITEES,
      description: "User ids of the owner's friends",
    }),
    allowLinkJoin: t.Optional(
      t.Boolean({ description: 'Anyone signed in who has the link may join (default false)' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateRoomInput = typeof CreateRoomBody.static;

/**
 * The largest request body the API accepts (bytes): a room body at the schema's every maximum
 * (model.test.ts builds one and checks it fits) with room for whitespace. Anything longer is
 * refused with 413 before it is read (http/body-guard.ts).
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024;

/** Route parameter naming a room; one that cannot be an id is 404 like an unknown one. */
export const RoomIdParams = t.Object({
  id: t.String({ pattern: ROOM_ID_PATTERN, description: 'Room id' }),
});

const UserRef = t.Object({ id: t.String(), name: t.String() });

const ParticipantSchema = t.Object({
  userId: t.String(),
  name: t.String(),
  connectionId: t.String(),
  instanceId: t.String(),
  joinedAt: t.Number(),
  buffering: t.Boolean(),
});

const PlaybackSchema = t.Object({
  playing: t.Boolean(),
  position: t.Number(),
  at: t.Number(),
  rate: t.Number(),
  seq: t.Number(),
});

export const RoomSchema = t.Object({
  id: t.String(),
  filmId: t.String(),
  filmTitle: t.String(),
  filmUrl: t.String(),
  ownerId: t.String(),
  owner: UserRef,
  invitees: t.Array(UserRef),
  allowLinkJoin: t.Boolean(),
  /** The caller's own link: personal for an invitee, the plain room link otherwise. */
  joinUrl: t.String(),
  createdAt: t.String({ format: 'date-time' }),
  closedAt: t.Union([t.String({ format: 'date-time' }), t.Null()]),
  closeReason: t.Union([t.String(), t.Null()]),
  participants: t.Array(ParticipantSchema),
  playback: t.Union([PlaybackSchema, t.Null()]),
});
export type RoomView = typeof RoomSchema.static;

export const ErrorSchema = t.Object({
  error: t.String(),
  code: t.String(),
  details: t.Optional(t.Unknown()),
});
