/** What every backend call returns across the extension's message boundary (plain JSON). */
export type ApiErrorCode = 'network' | 'unauthorized' | 'bad_response' | string;

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  status: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };
