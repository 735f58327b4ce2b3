import { launchProfile, openFilm, signIn, waitForVideo } from './browser.ts';
import { readOutbox, startStack } from './stack.ts';
const OUT = '/tmp/uxexp/shots';
const stack = await startStack();
const anna = await launchProfile();
const boris = await launchProfile();
try {
  await signIn(anna, 'anna'); await signIn(boris, 'boris');
  const page = await openFilm(anna, 'night-train');
  const button = page.getByRole('button', { name: 'Watch together' });
  await button.waitFor();
  await button.click();
  await page.locator('input[name="invitee"]').first().waitFor();
  await page.screenshot({ path: `${OUT}/1-panel.png` });
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForVideo(page, '!video.paused');
  await page.getByText('Connected').waitFor();
  await Bun.sleep(500);
  await page.screenshot({ path: `${OUT}/2-room.png` });
  let invite: string | undefined;
  for (let i = 0; i < 60 && !invite; i++) { invite = (await readOutbox()).find((m) => m.to.includes('boris'))?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0]; if (!invite) await Bun.sleep(250); }
  const bp = await boris.context.newPage();
  await bp.goto(invite!);
  await bp.waitForURL(/#kino-room=/);
  await page.locator('[data-user-id="boris"]').waitFor();
  const input = bp.getByRole('textbox', { name: 'Message…' });
  await input.fill('Привет! Смотрим 🍿'); await input.press('Enter');
  await bp.evaluate(() => document.querySelector<HTMLVideoElement>('video#player')!.pause());
  await bp.getByRole('button', { name: 'React with 😂' }).click();
  await Bun.sleep(700);
  await page.screenshot({ path: `${OUT}/3-reaction.png` });
  await page.getByRole('button', { name: 'Collapse the sidebar' }).click();
  await Bun.sleep(300);
  await page.screenshot({ path: `${OUT}/4-collapsed.png` });
  await page.getByRole('button', { name: /Open the sidebar/ }).click();
  await page.getByRole('button', { name: 'Close room' }).click();
  await Bun.sleep(200);
  await page.screenshot({ path: `${OUT}/5-confirm.png` });
  await page.getByRole('button', { name: 'Close for everyone' }).click();
  await bp.getByText('The room was closed.').waitFor();
  await Bun.sleep(300);
  await bp.screenshot({ path: `${OUT}/6-closed.png` });
} finally {
  await Promise.all([anna.close(), boris.close()]);
  await stack.stop();
}
process.exit(0);
