import { Elysia, t } from 'elysia';
import type { Config } from '../config.ts';
import { unavailableFrom } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { withDeadline } from '../http/deadline.ts';
import { HttpError, retryAfterSeconds } from '../http/errors.ts';
import { browserOf } from './install-help.ts';
import { pickLanguage } from './language.ts';
import { renderJoinPage, renderRoomNotFoundPage, renderUnavailablePage } from './page.ts';
import { loadJoinPage } from './service.ts';

const html = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    // The page is in the browser's language and names the store of the browser it is for.
    headers: {
      'content-type': 'text/html; charset=utf-8',
      vary: 'Accept-Language, User-Agent',
      ...headers,
    },
  });

/** Seconds to wait when the page could not be built because something is down; else undefined. */
function outageSeconds(error: unknown): number | undefined {
  if (error instanceof HttpError) return error.status === 503 ? error.retryAfterSeconds : undefined;
  const unavailable = unavailableFrom(error);
  return unavailable ? retryAfterSeconds(unavailable.retryAfterMs) : undefined;
}

export function joinController(deps: { db: Db; config: Pick<Config, 'storeLinks' | 'mode'> }) {
  return new Elysia({ prefix: '/join' }).get(
    '/:roomId',
    async ({ params, headers }) => {
      const lang = pickLanguage(headers['accept-language']);
      try {
        // Parameters are not schema-checked here: a link that cannot name a room (bad
        // percent-encoding decodes to null, a NUL, a slash…) gets the same page as an unknown one.
        const data = await withDeadline(() => loadJoinPage(deps.db, params.roomId));
        if (!data) return html(renderRoomNotFoundPage(lang), 404);
        const install = {
          browser: browserOf(headers['user-agent']),
          storeLinks: deps.config.storeLinks,
          developerMode: deps.config.mode === 'development',
        };
        return html(renderJoinPage(data, lang, install), data.closed ? 410 : 200);
      } catch (error) {
        const seconds = outageSeconds(error);
        if (seconds === undefined) throw error;
        return html(renderUnavailablePage(lang, seconds), 503, { 'retry-after': String(seconds) });
      }
    },
    {
      // Mail clients and link trackers add their own parameters (utm_*), and links from before
      // rooms were joined by account carry `invite=`: all ignored, not refused.
      query: t.Object({}, { additionalProperties: true }),
      detail: { summary: 'Join page behind the e-mailed link (HTML)', tags: ['join'] },
    },
  );
}
