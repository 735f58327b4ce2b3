import { t } from 'elysia';

const UserId = t.String({ minLength: 1, maxLength: 200 });

/** Unknown fields are refused: a misspelt `allowLinkjoin` must not silently do nothing. */
export const CreateRoomBody = t.Object(
  {
    filmId: t.String({ minLength: 1, maxLength: 200 }),
    invitees: t.Array(UserId, { maxItems: 50, description: "User ids of the owner's friends" }),
    allowLinkJoin: t.Optional(
      t.Boolean({ description: 'Anyone signed in who has the link may join (default false)' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateRoomInput = typeof CreateRoomBody.static;

export const RoomIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 100 }) });

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
