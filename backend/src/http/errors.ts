/**
 * The one error type services throw for an expected failure. The app's single
 * onError handler turns it into `{ error, code }` JSON with its status, so
 * services never touch the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ErrorBody {
  error: string;
  code: string;
  details?: unknown;
}
