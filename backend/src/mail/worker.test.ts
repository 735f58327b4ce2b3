/** The mail worker's retry schedule, driven by hand with a fake clock (no timers). */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { type DbHandle, openPglite } from '../db/index.ts';
import { mailQueue } from '../db/schema.ts';
import { enqueueMail } from './queue.ts';
import type { MailTransport, OutgoingMail } from './transport.ts';
import { createMailWorker } from './worker.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openPglite();
}, 60_000); // PGlite's first start is slow on a busy machine
afterAll(() => handle?.close());

function flakyTransport(failures: number) {
  const sent: OutgoingMail[] = [];
  let left = failures;
  const transport: MailTransport = {
    kind: 'smtp',
    async send(mail) {
      if (left-- > 0) throw new Error('421 try again later');
      sent.push(mail);
    },
    async verify() {},
    async close() {},
  };
  return { transport, sent };
}

test('failures are retried with exponential backoff, then sent exactly once', async () => {
  let now = 1_000_000;
  const { transport, sent } = flakyTransport(2);
  const worker = createMailWorker({
    db: handle.db,
    transport,
    clock: () => now,
    backoff: { baseMs: 1000, maxMs: 60_000 },
  });
  await enqueueMail(
    handle.db,
    [
      {
        to: 'boris@kino.example',
        subject: 's',
        text: 't',
        html: 'h',
        messageId: '<m1@kino.example>',
      },
    ],
    now,
  );

  expect(await worker.runOnce()).toBe(0); // attempt 1 fails → retry in 1 s
  now += 999;
  expect(await worker.runOnce()).toBe(0); // not due yet: no attempt
  now += 1;
  expect(await worker.runOnce()).toBe(0); // attempt 2 fails → retry in 2 s
  let [row] = await handle.db.select().from(mailQueue);
  expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: '421 try again later' });
  expect(row!.nextAttemptAt.getTime()).toBe(now + 2000);

  now += 2000;
  expect(await worker.runOnce()).toBe(1);
  expect(await worker.runOnce()).toBe(0);
  expect(sent.map((m) => m.to)).toEqual(['boris@kino.example']);
  [row] = await handle.db.select().from(mailQueue);
  expect(row).toMatchObject({ status: 'sent', deliveredVia: 'smtp', lastError: null });
  expect(row!.sentAt!.getTime()).toBe(now);
});
