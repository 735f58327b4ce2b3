/**
 * Saying when a screening starts, in the reader's language and time zone (invite e-mails).
 * The cinema may know a user's IANA time zone; when it doesn't (or sends one this runtime
 * doesn't know), Russian readers get Moscow time and everyone else UTC, and the text always
 * names the zone, so a wrong guess is visible rather than silently off by hours.
 */

export type MailLanguage = 'ru' | 'en';

export function languageOf(locale: string | undefined): MailLanguage {
  return locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone to show a time in: the given one when it is a real IANA zone, else by language. */
export function timeZoneFor(locale: string | undefined, timeZone: string | undefined): string {
  if (timeZone && timeZone.length <= 64 && isKnownZone(timeZone)) return timeZone;
  return languageOf(locale) === 'ru' ? 'Europe/Moscow' : 'UTC';
}

/**
 * "суббота, 5 декабря 2026 г., 20:00 (Москва, GMT+03:00)" / "Saturday, December 5, 2026 at
 * 8:00 PM (UTC)": the date, the time, and the zone by name and offset.
 */
export function formatWhen(startsAt: number, language: MailLanguage, timeZone: string): string {
  const date = new Date(startsAt);
  const tag = language === 'ru' ? 'ru-RU' : 'en-US';
  const main = new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
  return `${main} (${zoneLabel(date, language, timeZone)})`;
}

/** "UTC", or the zone's city and its offset at that moment: "Europe/Moscow, GMT+03:00". */
export function zoneLabel(date: Date, language: MailLanguage, timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const city = timeZone === 'Europe/Moscow' && language === 'ru' ? 'Москва' : timeZone;
  return offset ? `${city}, ${offset}` : city;
}
