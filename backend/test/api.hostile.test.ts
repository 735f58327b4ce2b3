/** Hostile HTTP clients against the embedded stack and against Postgres + Redis + SMTP. */
import { hasPostgres, hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { embeddedStack, servicesStack } from './api/hostile-stack.ts';
import { hostileSuite } from './api/hostile-suite.ts';

hostileSuite(embeddedStack);
if (hasPostgres && hasRedis) hostileSuite((cinemaUrl) => servicesStack(cinemaUrl, REDIS_TEST_URL));
