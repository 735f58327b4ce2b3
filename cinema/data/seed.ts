/**
 * The demo cinema's fixed catalogue: users, friendships, films and want-to-watch
 * lists. User ids are the logins (ARCHITECTURE.md, "Demo cinema"); every
 * password is "kino" and is stored only as a hash (see directory.ts).
 */

export type Locale = 'ru' | 'en';

export interface SeedUser {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  /**
   * IANA time zone (invite e-mails say a scheduled start in it). Optional like in a real
   * cinema's profile: Vera has none, so the backend's fallback (Moscow for Russian) shows.
   */
  timeZone?: string;
}

export interface Film {
  id: string;
  title: string;
  titleEn: string;
  year: number;
  durationSec: number;
  description: string;
  descriptionEn: string;
  /** Poster card colours: [from, to] of the gradient. */
  poster: [string, string];
  /**
   * How the film page plays it: `progressive` is the committed .webm in a bare <video> with
   * the browser's controls; `hls` is an HLS stream (media/hls) in the cinema's own player.
   */
  stream: 'progressive' | 'hls';
  /** An HLS film that starts with the pre-roll ad in the same <video>. */
  preRollAd: boolean;
  /**
   * Where the opening titles end (s): the cinema player offers "Skip intro" before it, a
   * seek made by page code. Null: no intro marked.
   */
  introEndSec: number | null;
}

export const SEED_PASSWORD = 'kino';

export const SEED_USERS: readonly SeedUser[] = [
  { id: 'anna', name: 'Анна', email: 'anna@kino.example', locale: 'ru', timeZone: 'Europe/Moscow' },
  {
    id: 'boris',
    name: 'Борис',
    email: 'boris@kino.example',
    locale: 'ru',
    timeZone: 'Asia/Yekaterinburg',
  },
  { id: 'vera', name: 'Вера', email: 'vera@kino.example', locale: 'ru' },
  { id: 'gleb', name: 'Глеб', email: 'gleb@kino.example', locale: 'ru', timeZone: 'Europe/Moscow' },
  {
    id: 'dasha',
    name: 'Даша',
    email: 'dasha@kino.example',
    locale: 'en',
    timeZone: 'Europe/London',
  },
];

/** Each pair once; the directory makes friendship symmetric. */
export const SEED_FRIENDSHIPS: readonly (readonly [string, string])[] = [
  ['anna', 'boris'],
  ['anna', 'vera'],
  ['anna', 'gleb'],
  ['boris', 'vera'],
  ['vera', 'dasha'],
];

export const SEED_FILMS: readonly Film[] = [
  {
    id: 'night-train',
    title: 'Ночной поезд',
    titleEn: 'Night Train',
    year: 2024,
    durationSec: 120,
    description:
      'Двое незнакомцев делят купе в последнем поезде на север. До рассвета — восемь станций и одна тайна.',
    descriptionEn:
      'Two strangers share a compartment on the last train north: eight stations and one secret before dawn.',
    poster: ['#1d2b64', '#f8cdda'],
    stream: 'progressive',
    preRollAd: false,
    introEndSec: null,
  },
  {
    id: 'long-road',
    title: 'Долгая дорога',
    titleEn: 'The Long Road',
    year: 2023,
    durationSec: 720,
    description:
      'Медленное роуд-муви о брате и сестре, которые везут бабушкин рояль через всю страну.',
    descriptionEn:
      "A slow road movie about a brother and sister driving their grandmother's piano across the country.",
    poster: ['#3a6186', '#89253e'],
    stream: 'hls',
    preRollAd: false,
    introEndSec: 20,
  },
  {
    id: 'first-snow',
    title: 'Первый снег',
    titleEn: 'First Snow',
    year: 2025,
    durationSec: 60,
    description: 'Короткометражка о дворнике, который каждый год ждёт первый снег, как праздник.',
    descriptionEn:
      'A short about a yard keeper who waits for the first snow every year like a holiday.',
    poster: ['#83a4d4', '#b6fbff'],
    stream: 'hls',
    preRollAd: true,
    introEndSec: 8,
  },
  {
    id: 'harbor-lights',
    title: 'Огни гавани',
    titleEn: 'Harbor Lights',
    year: 2022,
    durationSec: 90,
    description:
      'Ночная смена в портовом городе: смотритель маяка, рыбаки и одна потерянная лодка.',
    descriptionEn:
      'A night shift in a port town: a lighthouse keeper, the fishermen and one lost boat.',
    poster: ['#ff7e5f', '#2b1055'],
    stream: 'hls',
    preRollAd: true,
    introEndSec: 10,
  },
];

/** Film ids on each user's "Want to watch" list. */
export const SEED_WANT_TO_WATCH: Readonly<Record<string, readonly string[]>> = {
  anna: ['first-snow'],
  boris: ['night-train', 'harbor-lights'],
  vera: ['night-train', 'long-road', 'harbor-lights'],
  gleb: ['first-snow'],
  dasha: ['long-road', 'harbor-lights'],
};
