import { en, type MessageKey, ru } from './messages';

export type Locale = 'en' | 'ru';
export type { MessageKey };

/** Russian for any `ru*` browser language, English otherwise. */
export function pickLocale(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const tables: Record<Locale, Record<MessageKey, string>> = { en, ru };

let current: Locale = pickLocale(globalThis.navigator?.language);

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** Translates `key`, filling `{param}` placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return tables[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Film time as the toasts show it: `m:ss`, or `h:mm:ss` past an hour. */
export function formatFilmTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
