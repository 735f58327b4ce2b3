/** Rescheduling and cancelling a scheduled screening: `/api/rooms/:id/schedule…` (owner only). */

import { ErrorSchema, RescheduleBody, RoomIdParams, RoomSchema } from '@kino/shared/http/rooms';
import { Elysia } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AppDeps } from '../deps.ts';
import { withDeadline } from '../http/deadline.ts';
import { getRoomForUser } from '../rooms/service.ts';
import { cancelScreening, reschedule, scheduleDepsOf } from './service.ts';

const RESPONSES = {
  200: RoomSchema,
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  422: ErrorSchema,
  503: ErrorSchema,
};

export function scheduleController(deps: AppDeps) {
  const scheduleDeps = () => scheduleDepsOf(deps);
  const view = (id: string, user: Parameters<typeof getRoomForUser>[2]) =>
    getRoomForUser(scheduleDeps(), id, user);
  return new Elysia({ prefix: '/api/rooms' })
    .use(authPlugin(deps))
    .post(
      '/:id/schedule',
      async ({ user, params, body }) => {
        await withDeadline(() => reschedule(scheduleDeps(), params.id, user, body.startsAt));
        deps.mail.worker.kick();
        return view(params.id, user);
      },
      {
        auth: true,
        params: RoomIdParams,
        body: RescheduleBody,
        response: RESPONSES,
        detail: {
          summary: 'Move a scheduled screening (owner, before it starts)',
          description:
            'Invitees get the new time with a calendar update (same UID, SEQUENCE + 1); pending reminders move with it. 409 once it started or closed.',
          tags: ['rooms'],
        },
      },
    )
    .post(
      '/:id/schedule/cancel',
      async ({ user, params }) => {
        await withDeadline(() => cancelScreening(scheduleDeps(), params.id, user));
        deps.mail.worker.kick();
        return view(params.id, user);
      },
      {
        auth: true,
        params: RoomIdParams,
        response: RESPONSES,
        detail: {
          summary: 'Cancel a scheduled screening (owner, before it starts)',
          description:
            'Closes the room, drops the pending reminders and sends each invitee a calendar cancel (METHOD:CANCEL).',
          tags: ['rooms'],
        },
      },
    );
}
