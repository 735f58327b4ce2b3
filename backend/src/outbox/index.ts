/** The dev outbox: where invites go when no SMTP server is configured. */
import { Elysia, t } from 'elysia';
import type { Db } from '../db/index.ts';
import { HttpError } from '../http/errors.ts';
import { listOutbox } from '../mail/queue.ts';
import { renderOutboxPage } from './page.ts';

const OutboxSchema = t.Array(
  t.Object({
    to: t.String(),
    subject: t.String(),
    text: t.String(),
    html: t.String(),
    sentAt: t.String(),
  }),
);

export function outboxController(deps: { db: Db; mailKind: 'smtp' | 'outbox' }) {
  const ensureEnabled = () => {
    if (deps.mailKind !== 'outbox') {
      throw new HttpError(404, 'outbox_disabled', 'The dev outbox is off: mail goes through SMTP');
    }
  };
  return new Elysia({ prefix: '/dev' })
    .get(
      '/outbox',
      () => {
        ensureEnabled();
        return listOutbox(deps.db);
      },
      {
        response: OutboxSchema,
        detail: { summary: 'Mail delivered to the dev outbox', tags: ['dev'] },
      },
    )
    .get(
      '/outbox.html',
      async () => {
        ensureEnabled();
        return new Response(renderOutboxPage(await listOutbox(deps.db)), {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      },
      { detail: { summary: 'The dev outbox as a readable page', tags: ['dev'] } },
    );
}
