import { describe, expect, test } from 'bun:test';
import ICAL from 'ical.js';
import { renderScreeningMail, screeningUid } from './mails.ts';
import { planScreeningCancel, planScreeningCreate, reminderDueAt, senderAddress } from './plan.ts';

const NOW = Date.UTC(2026, 11, 1, 9, 0);
const START = Date.UTC(2026, 11, 5, 17, 0);
const base = {
  roomId: 'room1',
  uidDomain: 'kino.example',
  sequence: 0,
  startsAt: START,
  filmTitle: 'Ночной <поезд>',
  filmDurationSec: 120,
  inviterName: 'Анна',
  organizerEmail: 'noreply@kino.example',
  joinUrl: 'https://kino.example/join/room1?invite=t',
  now: NOW,
};

describe('screening mails', () => {
  test('Russian first for a Russian reader, in their zone; English below; HTML escaped', () => {
    const mail = renderScreeningMail({
      ...base,
      kind: 'invite',
      invitee: {
        name: 'Борис',
        email: 'b@kino.example',
        locale: 'ru',
        timeZone: 'Asia/Yekaterinburg',
      },
    });
    expect(mail.subject).toStartWith('Анна зовёт смотреть «Ночной <поезд>»');
    expect(mail.text.indexOf('Начало: ')).toBeLessThan(mail.text.indexOf('Starts: '));
    expect(mail.text).toContain('22:00 (Asia/Yekaterinburg, GMT+05:00)');
    expect(mail.text).toContain('10:00 PM (Asia/Yekaterinburg, GMT+05:00)');
    expect(mail.html).toContain('Ночной &lt;поезд&gt;');
    expect(mail.html).not.toContain('<поезд>');
    expect(mail.calendarMethod).toBe('REQUEST');
  });

  test('English first with UTC for a reader without locale or zone; a cancel has no join button', () => {
    const mail = renderScreeningMail({
      ...base,
      kind: 'schedule-cancel',
      sequence: 2,
      invitee: { name: 'Dasha', email: 'd@kino.example' },
    });
    expect(mail.subject).toBe('Screening cancelled: "Ночной <поезд>"');
    expect(mail.text).toContain('5:00 PM (UTC)');
    expect(mail.text).not.toContain('Join:');
    const calendar = new ICAL.Component(ICAL.parse(mail.calendar));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(screeningUid('room1', 'kino.example'));
    expect(event.sequence).toBe(2);
  });
});

describe('screening plan', () => {
  const input = {
    roomId: 'room1',
    filmTitle: 'Film',
    filmDurationSec: 60,
    inviterName: 'Anna',
    startsAt: START,
    sequence: 0,
    invitees: [
      {
        name: 'B',
        email: 'b@kino.example',
        locale: 'ru',
        joinUrl: 'https://k/join/room1?invite=1',
      },
      { name: 'V', email: 'v@kino.example', joinUrl: 'https://k/join/room1?invite=2' },
    ],
    now: NOW,
    reminderLeadMs: 15 * 60_000,
    mailFrom: 'Кино Вместе <no-reply@kino.example>',
  };

  test('invites now, reminders at start − lead, each with its own Message-ID on the sender domain', () => {
    const mails = planScreeningCreate(input);
    expect(mails.map((m) => [m.kind, m.to, m.dueAt])).toEqual([
      ['invite', 'b@kino.example', NOW],
      ['invite', 'v@kino.example', NOW],
      ['reminder', 'b@kino.example', START - 15 * 60_000],
      ['reminder', 'v@kino.example', START - 15 * 60_000],
    ]);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(4);
    expect(mails.every((m) => m.messageId.endsWith('@kino.example>') && m.roomId === 'room1')).toBe(
      true,
    );
    expect(mails[2]?.subject).toContain('через 15 мин');
    expect(planScreeningCancel(input).map((m) => m.kind)).toEqual([
      'schedule-cancel',
      'schedule-cancel',
    ]);
  });

  test('no reminder when the start is less than two leads away', () => {
    expect(reminderDueAt(NOW + 29 * 60_000, NOW, 15 * 60_000)).toBeNull();
    expect(reminderDueAt(NOW + 30 * 60_000, NOW, 15 * 60_000)).toBe(NOW + 15 * 60_000);
    expect(
      planScreeningCreate({ ...input, startsAt: NOW + 20 * 60_000 }).map((m) => m.kind),
    ).toEqual(['invite', 'invite']);
  });

  test('the sender address out of a From header', () => {
    expect(senderAddress('Кино Вместе <no-reply@kino.example>')).toBe('no-reply@kino.example');
    expect(senderAddress('plain@kino.example')).toBe('plain@kino.example');
  });
});
