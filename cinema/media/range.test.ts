import { describe, expect, test } from 'bun:test';
import { decideRange } from './range.ts';

describe('decideRange', () => {
  const size = 1000;

  test('no header means the whole file', () => {
    expect(decideRange(null, size)).toEqual({ kind: 'full' });
  });

  test('closed, open-ended and suffix ranges', () => {
    expect(decideRange('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(decideRange('bytes=500-', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(decideRange('bytes=-100', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
  });

  test('an end past the file is clamped; a suffix longer than the file is the whole file', () => {
    expect(decideRange('bytes=990-5000', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(decideRange('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
  });

  test.each([
    'bytes=1000-',
    'bytes=2000-3000',
    'bytes=500-100',
    'bytes=-0',
    'bytes=-',
    'bytes=abc-def',
    'items=0-10',
    'bytes=0-10,20-30',
    '',
  ])('%p is unsatisfiable', (header) => {
    expect(decideRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });
});
