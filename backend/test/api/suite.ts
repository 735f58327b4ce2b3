/**
 * The backend's HTTP behaviour, run against both persistence modes:
 * Postgres + Redis + SMTP (production) and PGlite + memory + dev outbox (dev).
 * Uses the real demo cinema as the directory and its tokens.
 */
import { afterAll, beforeAll, describe } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import type { RoomView } from '@kino/shared/http/rooms';
import type { ErrorBody } from '../../src/http/errors.ts';
import { call } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';
import { authAndMatchesTests } from './auth-and-matches.ts';
import type { ApiHarness, SuiteContext } from './context.ts';
import { lifecycleTests } from './lifecycle.ts';
import { pageRoomTests } from './page-rooms.ts';
import { reactionTimelineTests } from './reactions.ts';
import { roomTests } from './rooms.ts';
import { scheduleTests } from './schedule.ts';

export type { ApiHarness, BackendEnv } from './context.ts';

export function apiSuite(name: string, harness: ApiHarness): void {
  describe(`backend API: ${name}`, () => {
    let cinema: RunningCinema | undefined;
    const ctx = {
      harness,
      app: () => ctx.env.app,
      createRoom: (body: unknown, token?: string) =>
        call<RoomView & Partial<ErrorBody>>(ctx.app(), 'POST', '/api/rooms', {
          token: token ?? ctx.anna,
          body,
        }),
      async restart() {
        await harness.stop(ctx.env);
        ctx.env = await harness.start(ctx.cinemaUrl);
      },
    } as SuiteContext;

    beforeAll(async () => {
      cinema = await startCinema({ port: 0 });
      ctx.cinemaUrl = cinema.url;
      ctx.env = await harness.start(cinema.url);
      [ctx.anna, ctx.boris, ctx.dasha] = await Promise.all([
        tokenFor('anna'),
        tokenFor('boris'),
        tokenFor('dasha'),
      ]);
    }, 60_000); // PGlite's first start takes seconds, tens of seconds on a busy machine

    afterAll(async () => {
      if (ctx.env) await harness.stop(ctx.env);
      await cinema?.stop();
      await harness.cleanup();
    }, 30_000);

    authAndMatchesTests(ctx);
    roomTests(ctx);
    scheduleTests(ctx);
    pageRoomTests(ctx);
    reactionTimelineTests(ctx);
    // Last: it restarts the backend and expires every idle room.
    lifecycleTests(ctx);
  });
}
