/** The API suite on the production stores: real Postgres, real Redis, real SMTP (in-process sink). */
import { describe } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres, hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { type SmtpSink, startSmtpSink } from '@kino/test-support/smtp-sink';
import { closeDeps } from '../src/deps.ts';
import { apiSuite } from './api/suite.ts';
import { buildBackend } from './support/backend.ts';
import { deleteRedisPrefix } from './support/redis.ts';

const prefix = `kino_t_${randomUUID()}:`;
let database: TestDatabase | undefined;
let sink: SmtpSink | undefined;

describe.skipIf(!hasPostgres || !hasRedis)('production stores', () => {
  apiSuite('postgres + redis + smtp', {
    stores: { db: 'postgres', live: 'redis', mail: 'smtp' },
    async start(cinemaUrl) {
      database ??= await createTestDatabase();
      sink ??= await startSmtpSink();
      const smtp = sink;
      const backend = await buildBackend({
        DATABASE_URL: database.url,
        REDIS_URL: REDIS_TEST_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: smtp.url,
        CINEMA_URL: cinemaUrl,
      });
      return { ...backend, delivered: async () => [...smtp.received] };
    },
    stop: (env) => closeDeps(env.deps),
    async cleanup() {
      await sink?.stop();
      await database?.drop();
      await deleteRedisPrefix(REDIS_TEST_URL, prefix);
    },
  });
});
