import { Elysia } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AppDeps } from '../deps.ts';
import { CreateRoomBody, ErrorSchema, RoomIdParams, RoomSchema } from './model.ts';
import { closeRoomByOwner, createRoom, getRoomForUser } from './service.ts';

export function roomsController(deps: AppDeps) {
  // Read per request: startBackend learns the public URL only after listening on port 0.
  const common = () => ({ db: deps.db, live: deps.live, publicUrl: deps.config.publicUrl });
  return new Elysia({ prefix: '/api/rooms' })
    .use(authPlugin(deps))
    .post(
      '',
      async ({ user, body, set }) => {
        const room = await createRoom(
          { ...common(), directory: deps.directory, clock: deps.clock },
          user,
          body,
        );
        deps.mail.worker.kick();
        set.status = 201;
        return room;
      },
      {
        auth: true,
        body: CreateRoomBody,
        response: {
          201: RoomSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          422: ErrorSchema,
          502: ErrorSchema,
          503: ErrorSchema,
        },
        detail: { summary: 'Create a room and e-mail the invitees', tags: ['rooms'] },
      },
    )
    .get('/:id', ({ user, params }) => getRoomForUser(common(), params.id, user), {
      auth: true,
      params: RoomIdParams,
      response: { 200: RoomSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
      detail: { summary: 'The room (owner and invitees only)', tags: ['rooms'] },
    })
    .post(
      '/:id/close',
      ({ user, params }) =>
        closeRoomByOwner(
          { ...common(), clock: deps.clock, instanceId: deps.instanceId },
          params.id,
          user,
        ),
      {
        auth: true,
        params: RoomIdParams,
        response: { 200: RoomSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
        detail: { summary: 'Close and archive the room (owner only)', tags: ['rooms'] },
      },
    );
}
