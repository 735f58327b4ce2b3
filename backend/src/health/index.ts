/**
 * `/health`: liveness — the process is up and serving; it touches no dependency, so it stays
 * prompt whatever else is down. `/health/ready`: readiness — each dependency's truth
 * (readiness.ts), 503 with `Retry-After` when a required one is down.
 */
import { Elysia, t } from 'elysia';
import type { AppDeps } from '../deps.ts';
import { CHECK_TIMEOUT_MS, createReadiness } from './readiness.ts';
import { pingRedis } from './redis-probe.ts';

const Check = t.Object({
  ok: t.Boolean(),
  kind: t.String(),
  ms: t.Number(),
  error: t.Optional(t.String()),
});

export function healthController(deps: AppDeps) {
  const { redisUrl } = deps.config;
  const readiness = createReadiness({
    db: { kind: deps.dbKind, required: true, run: deps.dbPing },
    live: {
      kind: deps.live.kind,
      required: true,
      run: async () => {
        if (redisUrl) await pingRedis(redisUrl, CHECK_TIMEOUT_MS);
      },
    },
    mail: {
      kind: deps.mail.transport.kind,
      required: false,
      run: () => deps.mail.transport.verify(),
    },
  });
  return new Elysia()
    .get(
      '/health',
      () => ({
        ok: true as const,
        stores: { db: deps.dbKind, live: deps.live.kind, mail: deps.mail.transport.kind },
      }),
      {
        response: t.Object({
          ok: t.Literal(true),
          stores: t.Object({
            db: t.Union([t.Literal('postgres'), t.Literal('pglite')]),
            live: t.Union([t.Literal('redis'), t.Literal('memory')]),
            mail: t.Union([t.Literal('smtp'), t.Literal('outbox')]),
          }),
        }),
        detail: {
          summary: 'Liveness (checks no dependency) and which stores are in use',
          tags: ['health'],
        },
      },
    )
    .get(
      '/health/ready',
      async ({ set }) => {
        const result = await readiness.check();
        if (!result.ready) {
          set.status = 503;
          set.headers['retry-after'] = '2';
        }
        return result;
      },
      {
        response: {
          200: t.Object({
            ready: t.Boolean(),
            checks: t.Object({ db: Check, live: Check, mail: Check }),
          }),
          503: t.Object({
            ready: t.Boolean(),
            checks: t.Object({ db: Check, live: Check, mail: Check }),
          }),
        },
        detail: {
          summary:
            'Readiness: database, live store and mail server each checked; 503 when the database or live store is down',
          tags: ['health'],
        },
      },
    );
}
