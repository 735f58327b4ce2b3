/**
 * Issue 14 item 2, told on the demo cinema in Chromium with the built extension: Anna
 * schedules «Ночной поезд» a few seconds ahead; Boris's e-mail says when and carries a
 * calendar file that parses; until the start both sidebars count down and show who is
 * there, the films wait at 0; at the moment both start together.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { hasChromium } from '@kino/test-support/services';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { BACKEND_URL, readOutbox, type Stack, startStack } from '../fixtures/dev-stack.ts';
import {
  buildExtension,
  launchProfile,
  openFilm,
  type Profile,
  signIn,
} from '../fixtures/profile.ts';
import { videoState, waitForVideo } from '../fixtures/video.ts';

setDefaultTimeout(90_000);

/** Far enough ahead for Boris to open his invite before the start, on a busy machine. */
const LEAD_MS = 25_000;

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Watching together' });

interface CalendarMail {
  to: string;
  subject: string;
  text: string;
  calendar: { method: string; filename: string; content: string } | null;
}

async function waitForMail(to: string): Promise<CalendarMail> {
  for (let i = 0; i < 60; i++) {
    const mail = ((await readOutbox()) as unknown as CalendarMail[]).find((m) => m.to.includes(to));
    if (mail) return mail;
    await Bun.sleep(250);
  }
  throw new Error(`no mail for ${to}`);
}

describe.skipIf(!hasChromium)('scheduled screening (Chromium, built extension)', () => {
  let stack: Stack;
  let anna: Profile;
  let boris: Profile;
  let annaPage: Page;
  let borisPage: Page;
  let startsAt = 0;
  let invite = '';

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    [anna, boris] = await Promise.all([launchProfile(), launchProfile()]);
    await Promise.all([signIn(anna, 'anna'), signIn(boris, 'boris')]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([anna?.close(), boris?.close()]);
    await stack?.stop();
  }, 30_000);

  test('Anna picks a start time in the panel and schedules the room', async () => {
    annaPage = await openFilm(anna, 'night-train');
    await annaPage.getByRole('button', { name: 'Watch together' }).click();
    await annaPage.locator('input[name="invitee"]').first().waitFor();
    await annaPage.getByRole('radio', { name: 'At a set time' }).check();
    const input = annaPage.getByLabel('Start time');
    await input.waitFor();
    // The browser's own local time, a few seconds ahead, as the input holds it.
    const value = await annaPage.evaluate((lead) => {
      const d = new Date(Math.ceil((Date.now() + lead) / 1000) * 1000);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
    }, LEAD_MS);
    await input.fill(value);
    startsAt = await annaPage.evaluate((v) => new Date(v).getTime(), value);
    await annaPage.getByRole('button', { name: 'Schedule' }).click();
    await sidebar(annaPage).getByText('Connected').waitFor({ timeout: 15_000 });
    await sidebar(annaPage).getByRole('timer').waitFor();
    expect(await sidebar(annaPage).getByText('The film starts in').count()).toBe(1);
    // Nothing plays early.
    await Bun.sleep(1000);
    const a = await videoState(annaPage);
    expect(a.paused).toBe(true);
    expect(a.currentTime).toBeLessThan(0.1);
  });

  test('Boris’s invite says when and carries a calendar file that parses', async () => {
    const mail = await waitForMail('boris');
    invite = mail.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0] ?? '';
    expect(invite).toContain('/join/');
    // Boris's profile is in Yekaterinburg: the mail says so.
    expect(mail.text).toContain('Asia/Yekaterinburg, GMT+05:00');
    expect(mail.calendar?.filename).toBe('kino-vmeste.ics');
    const calendar = new ICAL.Component(ICAL.parse(mail.calendar!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().getTime()).toBe(startsAt);
    expect(event.sequence).toBe(0);
    expect(event.description).toContain(invite);
    // The dev outbox page offers the file for download.
    const outbox = await anna.context.newPage();
    await outbox.goto(`${BACKEND_URL}/dev/outbox.html`);
    const link = outbox.locator('a[download="kino-vmeste.ics"]').first();
    expect(await link.getAttribute('href')).toStartWith('data:text/calendar');
    await outbox.close();
  });

  test('Boris joins before the start: countdown, both here, the film waits at 0', async () => {
    borisPage = await boris.context.newPage();
    await borisPage.goto(invite);
    await borisPage.waitForURL(/\/films\/night-train#kino-room=/, { timeout: 15_000 });
    await sidebar(borisPage).getByText('Connected').waitFor({ timeout: 15_000 });
    await sidebar(borisPage).getByRole('timer').waitFor();
    for (const page of [annaPage, borisPage]) {
      await sidebar(page).getByText('2 here already').waitFor();
    }
    expect(Date.now()).toBeLessThan(startsAt);
    const b = await videoState(borisPage);
    expect(b.paused).toBe(true);
    expect(b.currentTime).toBeLessThan(0.1);
    // Boris pressing play early is put back: only the owner may start it before the moment.
    await borisPage.evaluate(
      () => void document.querySelector<HTMLVideoElement>('video#player')!.play(),
    );
    await Bun.sleep(800);
    expect((await videoState(borisPage)).paused).toBe(true);
    expect((await videoState(annaPage)).paused).toBe(true);
    // Only the owner may move, start or cancel it.
    expect(
      await sidebar(borisPage).getByRole('button', { name: 'Start now for everyone' }).count(),
    ).toBe(0);
    expect(await sidebar(annaPage).getByRole('button', { name: 'Change the time' }).count()).toBe(
      1,
    );
  });

  test('at the scheduled moment both films start together', async () => {
    await Promise.all(
      [annaPage, borisPage].map((page) =>
        waitForVideo(page, '!video.paused && video.currentTime > 0', LEAD_MS + 10_000),
      ),
    );
    // Neither started before the moment (a little clock tolerance).
    expect(Date.now()).toBeGreaterThan(startsAt - 500);
    await Bun.sleep(2000);
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(a.paused || b.paused).toBe(false);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(0.5);
    // Where the room is: the time since the scheduled start.
    const expected = (Date.now() - startsAt) / 1000;
    expect(Math.abs(a.currentTime - expected)).toBeLessThan(1);
    // The countdown has gone from both sidebars.
    for (const page of [annaPage, borisPage]) {
      expect(await sidebar(page).getByRole('timer').count()).toBe(0);
    }
  });
});
