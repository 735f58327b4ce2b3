/**
 * Reading and validating request bodies. Bodies are small (a login form), so
 * anything over MAX_BODY_BYTES is refused before parsing.
 */

export const MAX_BODY_BYTES = 4 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Credentials {
  login: string;
  password: string;
}

const MAX_FIELD_LENGTH = 256;

/** The one schema for a sign-in: `{ login: string, password: string }`, both non-empty. */
export function parseCredentials(input: unknown): Parsed<Credentials> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'Body must be a JSON object { login, password }' };
  }
  const { login, password } = input as Record<string, unknown>;
  if (typeof login !== 'string' || login.trim() === '') {
    return { ok: false, error: 'login must be a non-empty string' };
  }
  if (typeof password !== 'string' || password === '') {
    return { ok: false, error: 'password must be a non-empty string' };
  }
  if (login.length > MAX_FIELD_LENGTH || password.length > MAX_FIELD_LENGTH) {
    return {
      ok: false,
      error: `login and password must be at most ${MAX_FIELD_LENGTH} characters`,
    };
  }
  return { ok: true, value: { login: login.trim().toLowerCase(), password } };
}

/**
 * The body as text, or an error once it grows past the limit. The stream is
 * read chunk by chunk and abandoned at the limit, so a huge (or chunked) upload
 * costs at most MAX_BODY_BYTES of memory and still gets a clear JSON error.
 */
export async function readSmallBody(req: Request): Promise<Parsed<string>> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return tooLarge();
  if (!req.body) return { ok: true, value: '' };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(value);
  }
  return { ok: true, value: new TextDecoder().decode(Buffer.concat(chunks)) };
}

function tooLarge(): Parsed<never> {
  return { ok: false, error: `Body is larger than ${MAX_BODY_BYTES} bytes` };
}

export function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: 'Body is not valid JSON' };
  }
}

/** A url-encoded form (the no-JavaScript sign-in form) as a plain object. */
export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}
