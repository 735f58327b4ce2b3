/**
 * The one error a dependency failure becomes once it reaches a request: Postgres, Redis, the
 * cinema's directory or SMTP is unreachable or too slow right now. HTTP answers it with 503 and
 * `Retry-After`; the realtime hub answers it with a retryable error. Never the client's fault.
 */
export type Dependency = 'database' | 'live-store' | 'directory' | 'mail';

export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: Dependency,
    /** When a retry has a fair chance (ms). */
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
    this.name = 'DependencyUnavailableError';
  }
}

export function isDependencyUnavailable(error: unknown): error is DependencyUnavailableError {
  return error instanceof DependencyUnavailableError;
}
