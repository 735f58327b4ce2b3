/**
 * The dev outbox: where invites go when no SMTP server is configured. It shows every invite
 * link and address, so it answers only requests from this machine (the peer address, not a
 * header a client could forge), is never shared across origins (no CORS), and answers
 * nothing at all in production.
 */
import { Elysia, t } from 'elysia';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { listOutbox } from '../mail/queue.ts';
import { isLoopbackAddress } from './loopback.ts';
import { renderOutboxPage } from './page.ts';

const OutboxSchema = t.Array(
  t.Object({
    messageId: t.String(),
    to: t.String(),
    subject: t.String(),
    text: t.String(),
    html: t.String(),
    sentAt: t.String(),
    calendar: t.Union([
      t.Object({ method: t.String(), filename: t.String(), content: t.String() }),
      t.Null(),
    ]),
  }),
);

interface PeerSource {
  requestIP(request: Request): { address: string } | null;
}

export function outboxController(deps: {
  db: Db;
  mailKind: 'smtp' | 'outbox';
  production: boolean;
}) {
  const ensureAllowed = (request: Request, server: PeerSource | null) => {
    if (deps.production) throw new HttpError(404, 'not_found', 'No such route');
    if (deps.mailKind !== 'outbox') {
      throw new HttpError(404, 'outbox_disabled', 'The dev outbox is off: mail goes through SMTP');
    }
    // In-process calls (app.handle) have no peer at all: refused like a remote one.
    if (!isLoopbackAddress(server?.requestIP(request)?.address)) {
      throw new HttpError(404, 'not_found', 'No such route');
    }
  };
  return new Elysia({ prefix: '/dev' })
    .get(
      '/outbox',
      ({ request, server }) => {
        ensureAllowed(request, server);
        return listOutbox(deps.db);
      },
      {
        response: OutboxSchema,
        detail: { summary: 'Mail delivered to the dev outbox (loopback only)', tags: ['dev'] },
      },
    )
    .get(
      '/outbox.html',
      async ({ request, server }) => {
        ensureAllowed(request, server);
        return new Response(renderOutboxPage(await listOutbox(deps.db)), {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      },
      { detail: { summary: 'The dev outbox as a readable page (loopback only)', tags: ['dev'] } },
    );
}
