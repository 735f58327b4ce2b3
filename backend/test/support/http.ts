/** Calls the app in-process (`app.handle`) and reads JSON or text back. */
import type { App } from '../../src/app.ts';

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (for malformed bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T> {
  status: number;
  /** The parsed body, typed as the caller expects (the test then checks it). */
  json: T;
  text: string;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  app: App,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined || opts.rawBody !== undefined) {
    headers['content-type'] = 'application/json';
    body = opts.rawBody ?? JSON.stringify(opts.body);
  }
  const response = await app.handle(
    new Request(`http://localhost${path}`, { method, headers, body }),
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json: json as T, text, headers: response.headers };
}
