/**
 * Pure parsing of an HTTP Range header against a file size (RFC 9110 §14).
 * Only a single byte range is served: that is all a <video> element asks for.
 */

export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

export function decideRange(header: string | null, size: number): RangeDecision {
  if (header === null) return { kind: 'full' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'unsatisfiable' };
  const [, rawStart = '', rawEnd = ''] = match;

  if (rawStart === '') {
    // "bytes=-N": the last N bytes.
    const suffix = Number(rawEnd);
    if (rawEnd === '' || suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(rawStart);
  const end = rawEnd === '' ? size - 1 : Math.min(Number(rawEnd), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) {
    return { kind: 'unsatisfiable' };
  }
  return { kind: 'partial', start, end };
}
