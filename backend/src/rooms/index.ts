import { CreateRoomBody, ErrorSchema, RoomIdParams, RoomSchema } from '@kino/shared/http/rooms';
import { Elysia } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AppDeps } from '../deps.ts';
import { withDeadline } from '../http/deadline.ts';
import { mailDomain } from '../mail/message-id.ts';
import { closeRoomOrScreening, scheduleDepsOf } from '../schedule/service.ts';
import { commitRoom, prepareRoom } from './create.ts';
import { getRoomForUser } from './service.ts';

/** What reading or closing a room can answer. */
const ROOM_READ_RESPONSES = {
  200: RoomSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  503: ErrorSchema,
};

export function roomsController(deps: AppDeps) {
  // Read per request: startBackend learns the public URL only after listening on port 0.
  const common = () => ({ db: deps.db, live: deps.live, publicUrl: deps.config.publicUrl });
  const domain = mailDomain(deps.config.mailFrom);
  return new Elysia({ prefix: '/api/rooms' })
    .use(authPlugin(deps))
    .post(
      '',
      async ({ user, body, set }) => {
        const create = {
          ...common(),
          directory: deps.directory,
          clock: deps.clock,
          quotas: deps.config.quotas,
          mailDomain: domain,
          mailFrom: deps.config.mailFrom,
          reminderLeadMs: deps.config.screeningReminderSeconds * 1000,
          log: deps.log.error,
        };
        // Only the preparation is abandoned at the deadline: a commit that started finishes,
        // so a 503 never hides a room that was created (create.ts).
        const prepared = await withDeadline(() => prepareRoom(create, user, body));
        const room = await commitRoom(create, prepared);
        deps.log.info('room created', { room: room.id, invitees: room.invitees.length });
        deps.mail.worker.kick();
        set.status = 201;
        return room;
      },
      {
        auth: true,
        body: CreateRoomBody,
        response: {
          201: RoomSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          413: ErrorSchema,
          415: ErrorSchema,
          422: ErrorSchema,
          429: ErrorSchema,
          502: ErrorSchema,
          503: ErrorSchema,
        },
        detail: {
          summary: 'Create a room and e-mail the invitees',
          description:
            'Quotas per owner (rooms, invites sent) and per invitee (invites received) answer 429 with Retry-After.',
          tags: ['rooms'],
        },
      },
    )
    .get(
      '/:id',
      ({ user, params }) => withDeadline(() => getRoomForUser(common(), params.id, user)),
      {
        auth: true,
        params: RoomIdParams,
        response: ROOM_READ_RESPONSES,
        detail: { summary: 'The room (owner and invitees only)', tags: ['rooms'] },
      },
    )
    .post(
      '/:id/close',
      async ({ user, params }) => {
        const mailed = await withDeadline(() =>
          closeRoomOrScreening(scheduleDepsOf(deps), params.id, user),
        );
        if (mailed) deps.mail.worker.kick();
        return getRoomForUser(common(), params.id, user);
      },
      {
        auth: true,
        params: RoomIdParams,
        response: ROOM_READ_RESPONSES,
        detail: {
          summary: 'Close and archive the room (owner only)',
          description:
            'A scheduled screening that has not started is cancelled as by /schedule/cancel: each invitee gets a calendar cancel.',
          tags: ['rooms'],
        },
      },
    );
}
