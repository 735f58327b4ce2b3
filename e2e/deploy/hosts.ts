/**
 * The test deployment: host names the browser maps to the local load balancer, and the
 * release build configuration pointed at them (scripts/test-all.ts builds the release
 * with it before the browser suites; the suite rebuilds when dist/ holds another one).
 */
export const CINEMA_HOST = 'cinema.kino.test';
export const API_HOST = 'api.kino.test';
export const CINEMA_ORIGIN = `https://${CINEMA_HOST}`;
export const API_URL = `https://${API_HOST}`;

export const TEST_RELEASE_ENV = {
  KINO_BACKEND_URL: API_URL,
  KINO_CINEMA_ORIGINS: CINEMA_ORIGIN,
} as const;
