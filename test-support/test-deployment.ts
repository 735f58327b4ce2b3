/**
 * The test deployment: host names the browser maps to the local load balancer, and the
 * release build configuration pointed at them (scripts/test-all.ts builds the release
 * with it before the browser suites; the suite makes it when it is missing or stale).
 */
export const CINEMA_HOST = 'cinema.kino.test';
export const API_HOST = 'api.kino.test';
export const CINEMA_ORIGIN = `https://${CINEMA_HOST}`;
export const API_URL = `https://${API_HOST}`;

/** The test release goes to its own folder, never over a real deployment's dist/. */
export const TEST_RELEASE_DIR = 'dist/test-deployment';

export const TEST_RELEASE_ENV = {
  KINO_BACKEND_URL: API_URL,
  KINO_CINEMA_ORIGINS: CINEMA_ORIGIN,
  KINO_RELEASE_DIR: TEST_RELEASE_DIR,
} as const;
