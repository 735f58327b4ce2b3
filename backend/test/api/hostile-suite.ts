/**
 * The hostile-client suite for HTTP, run on the embedded stack and on Postgres + Redis:
 * bodies, impossible ids, quotas and (where the dev outbox exists) development doors.
 * After every group the room goes on: a member can still create and read a room, /health
 * answers promptly.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { tokenFor } from '../support/tokens.ts';
import { devDoorTests } from './dev-doors.ts';
import { hostileBodyTests } from './hostile-bodies.ts';
import { hostileIdTests } from './hostile-ids.ts';
import { createRoom, type HostileStack, type StartedBackend } from './hostile-stack.ts';
import { quotaTests } from './quotas.ts';

export function hostileSuite(makeStack: (cinemaUrl: () => string) => HostileStack): void {
  let cinema: RunningCinema | undefined;
  const stack = makeStack(() => cinema!.url);
  describe(`hostile HTTP: ${stack.name}`, () => {
    let backend: StartedBackend | undefined;
    const current = () => backend!;

    beforeAll(async () => {
      cinema = await startCinema({ port: 0 });
      backend = await stack.start();
    }, 60_000);

    afterAll(async () => {
      await backend?.stop();
      await cinema?.stop();
      await stack.cleanup();
    }, 30_000);

    hostileBodyTests(current);
    hostileIdTests(current);
    if (stack.name.includes('outbox')) devDoorTests(current);
    quotaTests(stack);

    test('after all of it the backend still serves: health, a new room, reading it back', async () => {
      expect((await fetch(`${current().url}/health`)).status).toBe(200);
      const created = await createRoom(current(), 'anna', ['vera']);
      expect(created.status).toBe(201);
      const read = await fetch(`${current().url}/api/rooms/${created.json.id}`, {
        headers: { authorization: `Bearer ${await tokenFor('vera')}` },
      });
      expect(read.status).toBe(200);
    });
  });
}
