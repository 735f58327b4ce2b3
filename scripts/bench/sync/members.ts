/**
 * The room's members: one Chromium profile each with the built extension, pointed
 * at this run's cinema and at its own backend URL (the backend itself, or its
 * latency proxy), signed in, and on the film page with the room in the hash.
 */

import {
  launchExtensionProfile,
  type ExtensionProfile as Profile,
} from '@kino/test-support/chromium';
import type { Page } from 'playwright-core';

/** Demo cinema users: anna owns the room, the others are her friends. */
export const MEMBER_LOGINS = ['anna', 'boris', 'vera', 'gleb'] as const;

export interface Member {
  index: number;
  login: string;
  profile: Profile;
  page: Page;
}

interface ExtensionStorage {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** Writes the extension's settings (see extension/src/settings) through its service worker. */
async function configureExtension(
  profile: Profile,
  settings: { backendUrl: string; cinemaOrigin: string },
): Promise<void> {
  const [worker] = profile.context.serviceWorkers();
  if (!worker) throw new Error('the extension service worker is not running');
  await worker.evaluate(
    (value) =>
      (globalThis as unknown as ExtensionStorage).chrome.storage.local.set({ settings: value }),
    { version: 1, ...settings, enabledOrigins: [] },
  );
}

async function signIn(profile: Profile, cinemaUrl: string, login: string): Promise<void> {
  const response = await profile.context.request.post(`${cinemaUrl}/api/login`, {
    data: { login, password: 'kino' },
  });
  if (!response.ok()) throw new Error(`sign-in as ${login} failed: ${response.status()}`);
}

/** Anna creates the room on the film over the API, inviting the other members. */
export async function createRoom(
  cinemaUrl: string,
  backendUrl: string,
  filmId: string,
  invitees: readonly string[],
): Promise<string> {
  const login = await fetch(`${cinemaUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'anna', password: 'kino' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${backendUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ filmId, invitees }),
  });
  if (response.status !== 201) {
    throw new Error(`room creation failed: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { id: string }).id;
}

export async function joinMember(options: {
  index: number;
  extensionDir: string;
  cinemaUrl: string;
  backendUrl: string;
  filmId: string;
  roomId: string;
}): Promise<Member> {
  const login = MEMBER_LOGINS[options.index];
  if (!login) throw new Error(`no demo user for member ${options.index}`);
  const profile = await launchExtensionProfile(options.extensionDir, 'kino-bench-profile-');
  try {
    await configureExtension(profile, {
      backendUrl: options.backendUrl,
      cinemaOrigin: options.cinemaUrl,
    });
    await signIn(profile, options.cinemaUrl, login);
    const page = await profile.context.newPage();
    await page.goto(`${options.cinemaUrl}/films/${options.filmId}#kino-room=${options.roomId}`);
    await page
      .getByRole('complementary', { name: 'Watching together' })
      .getByText('Connected')
      .waitFor({ timeout: 30_000 });
    return { index: options.index, login, profile, page };
  } catch (error) {
    await profile.close();
    throw error;
  }
}
