/** Builds the HTTP app from its dependencies; no I/O happens here. */
import { openapi } from '@elysiajs/openapi';
import { MAX_REQUEST_BODY_BYTES } from '@kino/shared/http/rooms';
import { Elysia } from 'elysia';
import { meController } from './auth/index.ts';
import { authenticate } from './auth/plugin.ts';
import type { AppDeps } from './deps.ts';
import { healthController } from './health/index.ts';
import { apiGuard } from './http/api-guard.ts';
import { bodyGuard, TRANSPORT_MAX_BODY_BYTES } from './http/body-guard.ts';
import { cors } from './http/cors.ts';
import { errorHandler } from './http/error-handler.ts';
import { createUserRateLimiter } from './http/user-rate-limit.ts';
import { joinController } from './join/index.ts';
import { knockController } from './knock/index.ts';
import { legalController } from './legal/index.ts';
import { friendsController, matchesController } from './matches/index.ts';
import { outboxController } from './outbox/index.ts';
import { reactionsController } from './reactions/index.ts';
import { realtime, TRANSPORT_MAX_PAYLOAD_BYTES } from './realtime/index.ts';
import { SHARED_BUDGET_WAIT_MS } from './realtime/limits.ts';
import { roomsController } from './rooms/index.ts';
import { scheduleController } from './schedule/index.ts';

export function createApp(deps: AppDeps) {
  const app = new Elysia({
    // normalize: false — a body with an unknown field is refused (422), not silently trimmed.
    normalize: false,
    // Bun's own request body cap, a backstop behind the body guard's JSON 413.
    serve: { maxRequestBodySize: TRANSPORT_MAX_BODY_BYTES },
    // Bun's own frame cap (16 MB by default) is far above what the protocol allows: frames over
    // the protocol's 16 KiB are cut off by Bun (close 1009) before anything reads them.
    websocket: { maxPayloadLength: TRANSPORT_MAX_PAYLOAD_BYTES },
  })
    .use(errorHandler(deps.log.error))
    .use(cors)
    .use(bodyGuard(MAX_REQUEST_BODY_BYTES))
    .use(
      apiGuard({
        authenticate: (request) => authenticate(request, deps),
        limiter: createUserRateLimiter(deps.config.apiRateLimit, deps.clock, {
          store: deps.live,
          waitMs: SHARED_BUDGET_WAIT_MS,
          onError: (error) => deps.log.error(`shared API budget: ${String(error)}`),
        }),
      }),
    )
    .use(
      openapi({
        path: '/openapi',
        documentation: {
          info: {
            title: 'Kino Vmeste backend',
            version: '0.1.0',
            description:
              'Rooms, matches and invites for watching films together. All /api routes need the cinema JWT as a Bearer token.',
          },
          components: {
            securitySchemes: { cinemaJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
          },
          security: [{ cinemaJwt: [] }],
        },
      }),
    )
    .use(healthController(deps))
    .use(meController(deps))
    .use(matchesController(deps))
    .use(friendsController(deps))
    .use(roomsController(deps))
    .use(scheduleController(deps))
    .use(knockController(deps))
    .use(reactionsController(deps))
    .use(joinController(deps))
    .use(legalController(deps.config))
    .use(
      outboxController({
        db: deps.db,
        mailKind: deps.mail.transport.kind,
        // Production never serves the dev outbox, whatever the mail transport.
        production: deps.config.mode === 'production',
      }),
    )
    .use(realtime(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
