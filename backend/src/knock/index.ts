/**
 * `POST /api/rooms/:id/knock` (ask to be let in) and `GET /api/rooms/:id/knock` (the answer so
 * far), for a signed-in user who is not a member. The owner answers in the room (realtime.ts).
 */

import { ErrorSchema, RoomIdParams } from '@kino/shared/http/rooms';
import { type KnockStatusReply, KnockStatusSchema } from '@kino/shared/protocol';
import { Elysia, t } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AppDeps } from '../deps.ts';
import { withDeadline } from '../http/deadline.ts';
import { type KnockDeps, knock, knockStatusOf } from './service.ts';

/** The shared schema (one source of truth) under Elysia's own TypeBox copy. */
const KnockStatusResponse = t.Unsafe<KnockStatusReply>(KnockStatusSchema);

export function knockController(deps: AppDeps) {
  const knockDeps = (): KnockDeps => ({
    db: deps.db,
    live: deps.live,
    directory: deps.directory,
    clock: deps.clock,
    instanceId: deps.instanceId,
    log: deps.log.info,
  });
  return new Elysia({ prefix: '/api/rooms' })
    .use(authPlugin(deps))
    .post(
      '/:id/knock',
      async ({ user, params, set }) => {
        const { created, status } = await withDeadline(() => knock(knockDeps(), params.id, user));
        set.status = created ? 201 : 200;
        return status;
      },
      {
        auth: true,
        params: RoomIdParams,
        response: {
          200: KnockStatusResponse,
          201: KnockStatusResponse,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          429: ErrorSchema,
          503: ErrorSchema,
        },
        detail: {
          summary: 'Ask the owner to let you in (knock)',
          description:
            '201 a new request, 200 the pending one. 409 already_member or room_closed; 403 room_revoked; 429 knock_rate_limited or knock_queue_full with Retry-After.',
          tags: ['knock'],
        },
      },
    )
    .get(
      '/:id/knock',
      ({ user, params }) => withDeadline(() => knockStatusOf(knockDeps(), params.id, user)),
      {
        auth: true,
        params: RoomIdParams,
        response: {
          200: KnockStatusResponse,
          401: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          503: ErrorSchema,
        },
        detail: {
          summary: 'Your request to join: pending, approved, declined or expired',
          tags: ['knock'],
        },
      },
    );
}
