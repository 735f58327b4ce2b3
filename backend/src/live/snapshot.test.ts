import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSnapshottedMemoryStore } from './snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'kino-snap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the in-memory store comes back after a graceful restart', async () => {
  const path = join(dir, 'live.json');
  const first = createSnapshottedMemoryStore(path);
  await first.initPlayback('r1', { playing: true, position: 5, at: 1, rate: 1, seq: 0 });
  await first.setSettings('r1', { controlMode: 'owner', bufferPolicy: 'continue' });
  await first.putParticipant('r1', {
    userId: 'a',
    name: 'A',
    connectionId: 'c1',
    instanceId: 'i',
    joinedAt: 1,
    buffering: false,
    clientId: 'tab-0001',
  });
  const rev = (await first.presence('r1')).rev;
  await first.close();

  const second = createSnapshottedMemoryStore(path);
  expect(await second.getPlayback('r1')).toEqual({
    playing: true,
    position: 5,
    at: 1,
    rate: 1,
    seq: 0,
  });
  expect(await second.getSettings('r1')).toEqual({
    controlMode: 'owner',
    bufferPolicy: 'continue',
  });
  expect(await second.presence('r1')).toMatchObject({ rev, entries: [{ clientId: 'tab-0001' }] });
  await second.close();
});

test('a corrupt snapshot starts empty instead of crashing', async () => {
  const path = join(dir, 'bad.json');
  writeFileSync(path, '{"version":2,"rooms":');
  const store = createSnapshottedMemoryStore(path);
  expect(await store.getPlayback('r1')).toBeNull();
  await store.close();
});
