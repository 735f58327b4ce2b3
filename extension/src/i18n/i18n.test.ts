import { expect, test } from 'bun:test';
import { formatFilmTime, pickLocale, setLocale, t } from './index';
import { en, ru } from './messages';

test('Russian and English have the same keys, none empty', () => {
  expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  for (const value of [...Object.values(en), ...Object.values(ru)])
    expect(value.trim()).not.toBe('');
});

test('every placeholder of an English string exists in its Russian one', () => {
  const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en) as (keyof typeof en)[])
    expect(params(ru[key])).toEqual(params(en[key]));
});

test('pickLocale: ru* is Russian, anything else English', () => {
  expect(pickLocale('ru-RU')).toBe('ru');
  expect(pickLocale('en-GB')).toBe('en');
  expect(pickLocale(undefined)).toBe('en');
});

test('t fills parameters in the chosen language', () => {
  setLocale('ru');
  expect(t('toastPause', { name: 'Борис', time: '12:34' })).toBe(
    'Борис поставил(а) на паузу в 12:34',
  );
  setLocale('en');
  expect(t('toastPause', { name: 'Boris', time: '12:34' })).toBe('Boris paused at 12:34');
});

test('formatFilmTime', () => {
  expect(formatFilmTime(754.9)).toBe('12:34');
  expect(formatFilmTime(3725)).toBe('1:02:05');
  expect(formatFilmTime(-3)).toBe('0:00');
});
