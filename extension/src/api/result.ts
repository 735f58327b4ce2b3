/** What every backend call returns across the extension's message boundary (plain JSON). */
export type ApiErrorCode = 'network' | 'unauthorized' | 'bad_response' | string;

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  status: number;
  /** From `Retry-After` (429 quotas, 503 outages): seconds until a retry has a chance. */
  retryAfterSeconds?: number;
  /** The error body's `details`, as sent (e.g. `people` over a quota; whom to ask on a 403 room_forbidden). */
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
