import { expect, test } from 'bun:test';
import { compareBuilds } from './compare.ts';

const map = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, new TextEncoder().encode(v)]));

test('identical builds have no differences', () => {
  expect(compareBuilds(map({ a: '1', 'b/c': '2' }), map({ 'b/c': '2', a: '1' }))).toEqual([]);
});

test('every kind of difference is named, by path', () => {
  expect(
    compareBuilds(
      map({ same: 'x', changed: 'abc', longer: 'ab', gone: '1' }),
      map({ same: 'x', changed: 'abd', longer: 'abc', added: '2' }),
    ),
  ).toEqual([
    { path: 'added', problem: 'only in the rebuild' },
    { path: 'changed', problem: 'content differs' },
    { path: 'gone', problem: 'only in the shipped zip' },
    { path: 'longer', problem: 'content differs' },
  ]);
});
