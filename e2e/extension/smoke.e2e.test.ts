import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hasChromium } from '../../scripts/test-support/services.ts';
import { buildExtension, launchProfile, openFilm, type Profile, signIn } from './browser.ts';
import { type Stack, startStack } from './stack.ts';

describe.skipIf(!hasChromium)('extension smoke', () => {
  let stack: Stack;
  let anna: Profile;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    anna = await launchProfile();
    await signIn(anna, 'anna');
  }, 120_000);

  afterAll(async () => {
    await anna?.close();
    await stack?.stop();
  }, 30_000);

  test('button appears', async () => {
    const page = await openFilm(anna, 'night-train');
    page.on('console', (m) => console.log('[page]', m.text()));
    const button = page.getByRole('button', { name: 'Watch together' });
    await button.waitFor({ timeout: 15_000 });
    await button.click();
    await page.getByRole('checkbox', { name: 'Boris' }).waitFor();
    const names = await page.locator('.kv-match span').allTextContents();
    expect(names).toContain('Boris');
  }, 60_000);
});
