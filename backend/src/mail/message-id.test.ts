import { expect, test } from 'bun:test';
import { mailDomain, newMessageId } from './message-id.ts';

test('the domain comes from the From address', () => {
  expect(mailDomain('Кино Вместе <no-reply@kino-vmeste.local>')).toBe('kino-vmeste.local');
  expect(mailDomain('invites@Kino.Example')).toBe('kino.example');
  expect(mailDomain('no address here')).toBe('kino-vmeste.local');
});

test('Message-IDs are bracketed, carry the domain and do not repeat', () => {
  const ids = Array.from({ length: 100 }, () => newMessageId('kino.example'));
  for (const id of ids) expect(id).toMatch(/^<[0-9a-f-]{36}@kino\.example>$/);
  expect(new Set(ids).size).toBe(ids.length);
});
