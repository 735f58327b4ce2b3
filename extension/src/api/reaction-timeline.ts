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

// Made on first use: under an extension's CSP the validator falls back to TypeBox's interpreter.
let histogramCheck: Validator | undefined;
let pageCheck: Validator | undefined;

export function parseHistogram(body: unknown): Histogram | null {
  histogramCheck ??= createValidator(HistogramSchema);
  return histogramCheck.check(body) ? (body as Histogram) : null;
}

export function parseWindowPage(body: unknown): WindowPage | null {
  pageCheck ??= createValidator(WindowPageSchema);
  return pageCheck.check(body) ? (body as WindowPage) : null;
}

/** The window query as a query string (the backend parses it with the same schema). */
export function windowQueryString(query: WindowQuery): string {
  const params = new URLSearchParams({ from: String(query.from), to: String(query.to) });
  if (query.afterCursor !== undefined) params.set('afterCursor', String(query.afterCursor));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params.toString();
}
