/**
 * The reaction timeline's answers, checked against the shared schemas before anything uses
 * them (a server of another version, or a proxy's error page, is "bad_response").
 */
import { createValidator, type Validator } from '@kino/shared/protocol';
import {
  type Histogram,
  HistogramSchema,
  type WindowPage,
  WindowPageSchema,
  type WindowQuery,
} from '@kino/shared/reactions';

// Made on first use, interpreted: an extension's CSP forbids compiling a checker.
let histogramCheck: Validator | undefined;
let pageCheck: Validator | undefined;

export function parseHistogram(body: unknown): Histogram | null {
  histogramCheck ??= createValidator(HistogramSchema, 'interpreted');
  return histogramCheck.check(body) ? (body as Histogram) : null;
}

export function parseWindowPage(body: unknown): WindowPage | null {
  pageCheck ??= createValidator(WindowPageSchema, 'interpreted');
  return pageCheck.check(body) ? (body as WindowPage) : null;
}

/** The window query as a query string (the backend parses it with the same schema). */
export function windowQueryString(query: WindowQuery): string {
  const params = new URLSearchParams({ from: decimal(query.from), to: decimal(query.to) });
  if (query.afterCursor !== undefined) params.set('afterCursor', String(query.afterCursor));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params.toString();
}

/**
 * A number as the backend's query parser reads it: plain decimal, never an exponent. The
 * shortest form (String) keeps a page's `next.position` exact; a number so small that String
 * writes it with an exponent is 0 for film time.
 */
export function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? (Math.abs(value) < 1 ? '0' : value.toFixed(0)) : text;
}
