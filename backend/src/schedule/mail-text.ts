/**
 * The words of a scheduled screening's e-mails (invite, reminder, new time, cancelled), in
 * Russian and English. Pure: data in, words out; mails.ts lays them out.
 */
import type { MailLanguage } from '@kino/shared/schedule';

export type ScreeningMailKind = 'invite' | 'reminder' | 'schedule-update' | 'schedule-cancel';

export interface ScreeningWords {
  inviterName: string;
  inviteeName: string;
  filmTitle: string;
  /** formatWhen(): date, time and zone, in this language. */
  when: string;
  /** Minutes until the start (reminder only). */
  minutesLeft?: number;
}

export interface Words {
  subject: string;
  greeting: string;
  body: string;
  whenLabel: string;
  action: string | null;
  calendarNote: string;
}

function ru(kind: ScreeningMailKind, w: ScreeningWords): Words {
  const film = `«${w.filmTitle}»`;
  const common = {
    greeting: `Привет, ${w.inviteeName}!`,
    whenLabel: 'Начало',
    action: 'Присоединиться',
    calendarNote: 'Во вложении — файл календаря (.ics): откройте его, чтобы добавить показ.',
  };
  switch (kind) {
    case 'invite':
      return {
        ...common,
        subject: `${w.inviterName} зовёт смотреть ${film} — ${w.when}`,
        body: `${w.inviterName} приглашает вас посмотреть ${film} вместе в «Кино Вместе». Фильм начнётся у всех одновременно, в назначенное время; до начала в комнате идёт обратный отсчёт.`,
      };
    case 'reminder':
      return {
        ...common,
        subject: `Скоро начало: ${film} — через ${w.minutesLeft ?? 0} мин`,
        body: `Напоминаем: ${film} с ${w.inviterName} начнётся через ${w.minutesLeft ?? 0} мин.`,
      };
    case 'schedule-update':
      return {
        ...common,
        subject: `Новое время: ${film} — ${w.when}`,
        body: `${w.inviterName} перенёс(ла) показ ${film}. Новое время — ниже; запись в календаре обновится из вложения.`,
      };
    case 'schedule-cancel':
      return {
        ...common,
        subject: `Показ отменён: ${film}`,
        body: `${w.inviterName} отменил(а) показ ${film}. Комната закрыта; запись в календаре удалится из вложения.`,
        action: null,
        calendarNote: 'Во вложении — отмена для календаря (.ics).',
      };
  }
}

function en(kind: ScreeningMailKind, w: ScreeningWords): Words {
  const film = `"${w.filmTitle}"`;
  const common = {
    greeting: `Hi ${w.inviteeName}!`,
    whenLabel: 'Starts',
    action: 'Join',
    calendarNote: 'A calendar file (.ics) is attached: open it to add the screening.',
  };
  switch (kind) {
    case 'invite':
      return {
        ...common,
        subject: `${w.inviterName} invites you to watch ${film} — ${w.when}`,
        body: `${w.inviterName} invites you to watch ${film} together on Kino Vmeste. The film starts for everyone at the same moment, at the time below; until then the room counts down.`,
      };
    case 'reminder':
      return {
        ...common,
        subject: `Starting soon: ${film} in ${w.minutesLeft ?? 0} min`,
        body: `A reminder: ${film} with ${w.inviterName} starts in ${w.minutesLeft ?? 0} min.`,
      };
    case 'schedule-update':
      return {
        ...common,
        subject: `New time: ${film} — ${w.when}`,
        body: `${w.inviterName} moved the screening of ${film}. The new time is below; the attachment updates your calendar entry.`,
      };
    case 'schedule-cancel':
      return {
        ...common,
        subject: `Screening cancelled: ${film}`,
        body: `${w.inviterName} cancelled the screening of ${film}. The room is closed; the attachment removes the calendar entry.`,
        action: null,
        calendarNote: 'The attached calendar file (.ics) cancels the entry.',
      };
  }
}

export function screeningWords(
  language: MailLanguage,
  kind: ScreeningMailKind,
  words: ScreeningWords,
): Words {
  return language === 'ru' ? ru(kind, words) : en(kind, words);
}
