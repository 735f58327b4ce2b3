/**
 * Reading a query string against a shared schema: every value must be a plain decimal
 * number (no `1e3`, `0x10`, `Infinity` or blanks), no unknown or repeated keys, and then the
 * schema decides. One message names the first thing wrong, for the API's 422.
 */
import type { Static, TObject } from '@sinclair/typebox';
import { createValidator } from '../protocol/validator.ts';
import { MAX_WINDOW_SEC, WindowQuerySchema } from './schema.ts';

// Up to 17 fraction digits: the shortest form of any double (String(x)) fits, so a page's
// `next.position` comes back exactly.
const DECIMAL = /^-?\d{1,16}(\.\d{1,17})?$/;

export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseNumericQuery<S extends TObject>(
  schema: S,
  params: URLSearchParams,
): QueryResult<Static<S>> {
  const value: Record<string, number> = {};
  for (const [key, raw] of params) {
    if (!(key in schema.properties)) return { ok: false, message: `${key}: unknown parameter` };
    if (key in value) return { ok: false, message: `${key}: given more than once` };
    if (!DECIMAL.test(raw)) return { ok: false, message: `${key}: expected a decimal number` };
    value[key] = Number(raw);
  }
  const validator = createValidator(schema);
  if (validator.check(value)) return { ok: true, value: value as Static<S> };
  const error = validator.firstError(value);
  const field = error?.path.replace(/^\//, '') || 'query';
  return { ok: false, message: `${field}: ${error?.message ?? 'invalid'}` };
}

/** The window query, with the rule a schema cannot say: `from < to ≤ from + MAX_WINDOW_SEC`. */
export function parseWindowQuery(params: URLSearchParams) {
  const parsed = parseNumericQuery(WindowQuerySchema, params);
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.value;
  if (!(to > from)) return { ok: false as const, message: 'to: must be greater than from' };
  if (to - from > MAX_WINDOW_SEC) {
    return { ok: false as const, message: `to: a window spans at most ${MAX_WINDOW_SEC} s` };
  }
  return parsed;
}
