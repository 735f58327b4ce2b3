/**
 * Knock to join on the production stores: Postgres and Redis, the owner on one instance and
 * the others on a second one, so the knocks list and revocations travel over the bus.
 */
import { describe } from 'bun:test';
import { hasPostgres, hasRedis } from '@kino/test-support/services';
import { type KnockStack, knockSuite } from './knock/suite.ts';
import { type Stack, startStack } from './realtime/servers.support.ts';

let stack: Stack | undefined;
let current: KnockStack | undefined;
let round = 0;

async function instances(): Promise<KnockStack> {
  const s = stack as Stack;
  round++;
  current = {
    owner: await s.startInstance(`knock-a-${round}`),
    other: await s.startInstance(`knock-b-${round}`),
  };
  return current;
}

describe.skipIf(!hasPostgres || !hasRedis)('production stores', () => {
  knockSuite('postgres + redis, two instances', {
    async start() {
      stack = await startStack();
      return instances();
    },
    async restart() {
      const s = stack as Stack;
      if (current) {
        await s.stopInstance(current.owner);
        await s.stopInstance(current.other);
      }
      return instances();
    },
    async dispose() {
      await stack?.dispose();
    },
  });
});
