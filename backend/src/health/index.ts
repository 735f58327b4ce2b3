import { Elysia, t } from 'elysia';
import type { AppDeps } from '../deps.ts';

export function healthController(deps: AppDeps) {
  return new Elysia().get(
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
      detail: { summary: 'Liveness and which stores are in use', tags: ['health'] },
    },
  );
}
