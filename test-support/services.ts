/**
 * Which real services the test suites can use. Locally a missing service skips
 * its suites with a printed reason; with CI=true a missing service is an error,
 * so CI can never go green without running them.
 */
import { existsSync } from 'node:fs';
import { isListening } from './ports.ts';

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function portOpen(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return isListening(hostname, Number(port || defaultPort));
}

async function need(name: string, available: boolean): Promise<boolean> {
  if (available) return true;
  if (isCI) throw new Error(`${name} is required in CI but is not available`);
  console.warn(`[test-support] ${name} not available: its suites are skipped`);
  return false;
}

export const hasPostgres = await need('PostgreSQL', await portOpen(POSTGRES_ADMIN_URL, 5432));
export const hasRedis = await need('Redis', await portOpen(REDIS_TEST_URL, 6379));
export const hasChromium = await need('Chromium', existsSync(CHROMIUM_PATH));
/** ffmpeg makes the demo cinema's HLS streams (cinema/media/hls). */
export const hasFfmpeg = await need('ffmpeg', Bun.which('ffmpeg') !== null);
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const hasFirefox = await need('Firefox', existsSync(FIREFOX_PATH));
