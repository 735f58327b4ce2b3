/**
 * People of the deploy story: Chromium profiles with the release build, trusting the
 * test certificate and resolving the test hosts to the balancer; signing in on the
 * HTTPS cinema through its own form. The sidebar and <video> helpers are the story's.
 */
import { launchExtensionProfile } from '@kino/test-support/chromium';
import { CINEMA_ORIGIN } from '@kino/test-support/test-deployment';
import { signInWithForm, type Viewer } from '../fixtures/viewer.ts';

export async function openDeployViewer(
  login: string,
  name: string,
  extensionDir: string,
  browserArgs: string[],
  locale = 'en-US',
): Promise<Viewer> {
  const profile = await launchExtensionProfile(extensionDir, 'kino-deploy-profile-', {
    extraArgs: browserArgs,
    locale,
  });
  try {
    return { login, name, profile, page: await profile.context.newPage() };
  } catch (error) {
    await profile.close();
    throw error;
  }
}

/** Signs in through the cinema's form on https://cinema… and lands on `next`. */
export const signInOnCinema = (viewer: Viewer, next: string) =>
  signInWithForm(viewer, next, CINEMA_ORIGIN);

/** The cinema access token of the signed-in viewer (what the extension sends the backend). */
export async function accessTokenOf(viewer: Viewer): Promise<string> {
  const session = await viewer.page.evaluate(async () => (await fetch('/api/session')).json());
  return (session as { accessToken: string }).accessToken;
}
