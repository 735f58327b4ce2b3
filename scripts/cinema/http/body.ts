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

/** The body as text, or an error when it is larger than the limit. */
export async function readSmallBody(req: Request): Promise<Parsed<string>> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const bytes = await req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) return tooLarge();
  return { ok: true, value: new TextDecoder().decode(bytes) };
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
