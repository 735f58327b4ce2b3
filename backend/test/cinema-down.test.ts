/** When the cinema's user API is down, API calls that need it answer 503 JSON, and nothing is half-created. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import { freePort } from '@kino/test-support/smtp-sink';
import { rooms } from '../src/db/schema.ts';
import { closeDeps } from '../src/deps.ts';
import { buildBackend } from './support/backend.ts';
import { call } from './support/http.ts';
import { tokenFor } from './support/tokens.ts';

describe.skipIf(!hasPostgres)('cinema down', () => {
  let database: TestDatabase;
  let backend: Awaited<ReturnType<typeof buildBackend>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    backend = await buildBackend({
      DATABASE_URL: database.url,
      CINEMA_URL: `http://127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    if (backend) await closeDeps(backend.deps);
    await database?.drop();
  });

  test('matches and room creation answer 503 with a clear JSON error', async () => {
    const token = await tokenFor('anna');
    const matches = await call(backend.app, 'GET', '/api/films/night-train/matches', { token });
    expect(matches.status).toBe(503);
    expect(matches.json.code).toBe('cinema_unavailable');
    expect(String(matches.json.error)).toContain('unreachable');

    const created = await call(backend.app, 'POST', '/api/rooms', {
      token,
      body: { filmId: 'night-train', invitees: ['boris'] },
    });
    expect(created.status).toBe(503);
    expect(created.json.code).toBe('cinema_unavailable');
    expect(await backend.deps.db.$count(rooms)).toBe(0);

    // Auth does not depend on the cinema being up.
    expect((await call(backend.app, 'GET', '/api/me', { token })).status).toBe(200);
  });
});
