/** What every backend call returns across the extension's message boundary (plain JSON). */
export type ApiErrorCode = 'network' | 'unauthorized' | 'bad_response' | string;

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  status: number;
  /** The backend's `details`, when it sent any (e.g. whom to ask on a 403 room_forbidden). */
  details?: unknown;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
