/**
 * `GET /api/rooms/:id/reactions/histogram?duration=` and `GET /api/rooms/:id/reactions?from=&to=`:
 * the room's reaction timeline for its members, over HTTP so it is there for a closed room
 * too (watching the film again later) and never queues behind the room's live messages.
 * Queries are checked against the shared schemas (shared/src/reactions); the API's per-user
 * request budget applies.
 */

import { ErrorSchema, RoomIdParams } from '@kino/shared/http/rooms';
import {
  type Histogram,
  HistogramQuerySchema,
  HistogramSchema,
  parseNumericQuery,
  parseWindowQuery,
  type WindowPage,
  WindowPageSchema,
} from '@kino/shared/reactions';
import { Elysia, t } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AppDeps } from '../deps.ts';
import { withDeadline } from '../http/deadline.ts';
import { HttpError } from '../http/errors.ts';
import { assertTimelineReader, reactionHistogram, reactionWindow } from './service.ts';

const ERRORS = {
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  422: ErrorSchema,
  429: ErrorSchema,
  503: ErrorSchema,
};

function queryOf(request: Request): URLSearchParams {
  return new URL(request.url).searchParams;
}

function valueOr422<T>(parsed: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!parsed.ok) throw new HttpError(422, 'invalid_query', parsed.message);
  return parsed.value;
}

export function reactionsController(deps: AppDeps) {
  return new Elysia({ prefix: '/api/rooms' })
    .use(authPlugin(deps))
    .get(
      '/:id/reactions/histogram',
      ({ user, params, request }) =>
        withDeadline(async () => {
          const query = valueOr422(parseNumericQuery(HistogramQuerySchema, queryOf(request)));
          await assertTimelineReader(deps.db, params.id, user);
          return reactionHistogram(deps.db, params.id, query.duration);
        }),
      {
        auth: true,
        params: RoomIdParams,
        response: { 200: t.Unsafe<Histogram>(HistogramSchema), ...ERRORS },
        detail: {
          summary: "The room's reactions in 120 bins over the film (count, dominant emoji)",
          tags: ['reactions'],
        },
      },
    )
    .get(
      '/:id/reactions',
      ({ user, params, request }) =>
        withDeadline(async () => {
          const query = valueOr422(parseWindowQuery(queryOf(request)));
          await assertTimelineReader(deps.db, params.id, user);
          return reactionWindow(deps.db, params.id, query);
        }),
      {
        auth: true,
        params: RoomIdParams,
        response: { 200: t.Unsafe<WindowPage>(WindowPageSchema), ...ERRORS },
        detail: {
          summary: "A page of the room's reactions with from ≤ position < to, in film order",
          tags: ['reactions'],
        },
      },
    );
}
