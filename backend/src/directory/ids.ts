/**
 * The shape of the cinema's own ids (users, films) as the backend accepts them: printable
 * ASCII without `/`, `%`, `?`, `#` or spaces, at most CINEMA_ID_MAX_LENGTH characters. They
 * travel in URL paths to the cinema's user API, so anything else names nothing there.
 */
export const CINEMA_ID_MAX_LENGTH = 64;
export const CINEMA_ID_PATTERN = `^[A-Za-z0-9._~:@+=-]{1,${CINEMA_ID_MAX_LENGTH}}$`;
const cinemaIdRegex = new RegExp(CINEMA_ID_PATTERN);

export function isCinemaIdShaped(value: unknown): value is string {
  return typeof value === 'string' && cinemaIdRegex.test(value);
}
