/** What the API test groups share: the running backend, tokens, and small helpers. */

import type { RoomView } from '@kino/shared/http/rooms';
import type { ReceivedMail } from '@kino/test-support/smtp-sink';
import type { App } from '../../src/app.ts';
import type { AppDeps } from '../../src/deps.ts';
import type { ErrorBody } from '../../src/http/errors.ts';
import type { CallResult } from '../support/http.ts';

export interface BackendEnv {
  app: App;
  deps: AppDeps;
  /** Mail delivered so far (SMTP sink or dev outbox). */
  delivered(): Promise<ReceivedMail[]>;
}

export interface ApiHarness {
  /** Expected `/health` stores. */
  stores: { db: string; live: string; mail: string };
  /** Start a backend on this suite's persistent stores (again after `stop` = a restart). */
  start(cinemaUrl: string): Promise<BackendEnv>;
  stop(env: BackendEnv): Promise<void>;
  cleanup(): Promise<void>;
}

/** Filled in by the suite's beforeAll; groups read it inside their tests. */
export interface SuiteContext {
  harness: ApiHarness;
  env: BackendEnv;
  cinemaUrl: string;
  anna: string;
  boris: string;
  dasha: string;
  app(): App;
  createRoom(body: unknown, token?: string): Promise<CallResult<RoomView & Partial<ErrorBody>>>;
  /** Stop the backend and start a new one on the same stores. */
  restart(): Promise<void>;
}

export const linkPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

export const meta = (html: string, name: string) =>
  new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1];
