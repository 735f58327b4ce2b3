import { describe, expect, test } from 'bun:test';
import {
  cinemaOriginsOf,
  DEFAULT_SETTINGS,
  migrateSettings,
  normalizeBaseUrl,
  webSocketUrl,
} from './settings';

describe('migrateSettings', () => {
  test('nothing stored gives the defaults', () => {
    expect(migrateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  test('version 0 `{ backend }` becomes backendUrl', () => {
    const s = migrateSettings({ backend: 'https://kino.example/' });
    expect(s.backendUrl).toBe('https://kino.example');
    expect(s.version).toBe(1);
  });

  test('a damaged value falls back field by field', () => {
    const s = migrateSettings({
      version: 1,
      backendUrl: 'javascript:alert(1)',
      cinemaOrigin: 'http://cinema.test:3000',
      enabledOrigins: ['https://a.test', 5],
    });
    expect(s.backendUrl).toBe(DEFAULT_SETTINGS.backendUrl);
    expect(s.cinemaOrigin).toBe('http://cinema.test:3000');
    expect(s.enabledOrigins).toEqual(['https://a.test']);
  });
});

test('normalizeBaseUrl accepts http(s) only and drops the trailing slash', () => {
  expect(normalizeBaseUrl(' http://localhost:8787/ ')).toBe('http://localhost:8787');
  expect(normalizeBaseUrl('ftp://x')).toBeNull();
  expect(normalizeBaseUrl('not a url')).toBeNull();
});

test('webSocketUrl maps http→ws and https→wss', () => {
  expect(webSocketUrl('http://localhost:8787')).toBe('ws://localhost:8787/ws');
  expect(webSocketUrl('https://kino.example/app')).toBe('wss://kino.example/app/ws');
});

test('webSocketUrl carries the room id for the balancer, encoded, and nothing else', () => {
  expect(webSocketUrl('https://kino.example', 'r_1 2')).toBe('wss://kino.example/ws?room=r_1+2');
});

test('cinemaOriginsOf: the settings’ cinema first, then the build’s, each once', () => {
  expect(cinemaOriginsOf(DEFAULT_SETTINGS)).toEqual(['http://localhost:3000']);
  expect(cinemaOriginsOf({ ...DEFAULT_SETTINGS, cinemaOrigin: 'http://cinema.test:3000' })).toEqual(
    ['http://cinema.test:3000', 'http://localhost:3000'],
  );
});
