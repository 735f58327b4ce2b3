import { Elysia, t } from 'elysia';
import type { Db } from '../db/index.ts';
import { pickLanguage } from './language.ts';
import { renderJoinPage, renderRoomNotFoundPage } from './page.ts';
import { loadJoinPage } from './service.ts';

const html = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

export function joinController(deps: { db: Db }) {
  return new Elysia({ prefix: '/join' }).get(
    '/:roomId',
    async ({ params, query, headers }) => {
      const lang = pickLanguage(headers['accept-language']);
      const data = await loadJoinPage(deps.db, params.roomId, query.invite);
      if (!data) return html(renderRoomNotFoundPage(lang), 404);
      return html(renderJoinPage(data, lang), data.closed ? 410 : 200);
    },
    {
      params: t.Object({ roomId: t.String({ minLength: 1, maxLength: 100 }) }),
      query: t.Object({ invite: t.Optional(t.String({ maxLength: 200 })) }),
      detail: { summary: 'Join page behind the e-mailed link (HTML)', tags: ['join'] },
    },
  );
}
