import { describe, expect, test } from 'bun:test';
import {
  BuildConfigError,
  contentScriptMatches,
  DEV_BUILD,
  hostPermissions,
  parseBuildConfig,
} from './build-config';

const release = {
  KINO_BACKEND_URL: 'https://together.example.com',
  KINO_CINEMA_ORIGINS: 'https://cinema.example.com',
};

/** The message of the BuildConfigError `run` throws (fails the test if it throws anything else). */
function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a BuildConfigError');
}

describe('parseBuildConfig', () => {
  test('no KINO_* variable (or blank ones) is the localhost dev build', () => {
    expect(parseBuildConfig({})).toEqual(DEV_BUILD);
    expect(parseBuildConfig({ KINO_BACKEND_URL: '  ', KINO_CINEMA_ORIGINS: '' })).toEqual(
      DEV_BUILD,
    );
    expect(DEV_BUILD).toMatchObject({
      kind: 'dev',
      backendUrl: 'http://localhost:8787',
      cinemaOrigins: ['http://localhost:3000'],
    });
  });

  test('a deployment: https origins, trailing slashes dropped, privacy policy on the backend', () => {
    const config = parseBuildConfig({
      KINO_BACKEND_URL: 'https://together.example.com/',
      KINO_CINEMA_ORIGINS: ' https://cinema.example.com/ , https://www.cinema.example.com,',
      KINO_CHROME_STORE_URL: 'https://chromewebstore.google.com/detail/kino-vmeste/abc',
    });
    expect(config).toEqual({
      kind: 'release',
      backendUrl: 'https://together.example.com',
      cinemaOrigins: ['https://cinema.example.com', 'https://www.cinema.example.com'],
      storeLinks: { chrome: 'https://chromewebstore.google.com/detail/kino-vmeste/abc' },
      privacyUrl: 'https://together.example.com/privacy',
    });
  });

  test('repeated cinema origins are listed once; a backend under a path keeps it', () => {
    const config = parseBuildConfig({
      KINO_BACKEND_URL: 'https://example.com/together//',
      KINO_CINEMA_ORIGINS: 'https://example.com,https://EXAMPLE.com:443',
    });
    expect(config.cinemaOrigins).toEqual(['https://example.com']);
    expect(config.backendUrl).toBe('https://example.com/together');
  });

  test('half a deployment names the missing variable', () => {
    expect(problem(() => parseBuildConfig({ KINO_BACKEND_URL: release.KINO_BACKEND_URL }))).toBe(
      'Extension build configuration: KINO_CINEMA_ORIGINS is required when KINO_BACKEND_URL is set',
    );
    expect(
      problem(() => parseBuildConfig({ KINO_CINEMA_ORIGINS: release.KINO_CINEMA_ORIGINS })),
    ).toContain('KINO_BACKEND_URL is required');
    expect(
      problem(() => parseBuildConfig({ KINO_FIREFOX_STORE_URL: 'https://addons.mozilla.org/x' })),
    ).toContain('KINO_FIREFOX_STORE_URL belongs to a release build');
  });

  test.each([
    ['KINO_BACKEND_URL', 'http://together.example.com', 'must use https'],
    ['KINO_BACKEND_URL', 'wss://together.example.com', 'must use https'],
    ['KINO_BACKEND_URL', 'together.example.com', 'must be a URL'],
    ['KINO_BACKEND_URL', 'https://user:pw@together.example.com', 'must not carry credentials'],
    ['KINO_BACKEND_URL', 'https://together.example.com/?x=1', 'must not carry credentials'],
    ['KINO_CINEMA_ORIGINS', 'https://cinema.example.com/films', 'must be an origin without a path'],
    ['KINO_CINEMA_ORIGINS', 'https://cinema.example.com,http://old.example.com', 'must use https'],
    ['KINO_CHROME_STORE_URL', 'http://chromewebstore.google.com/x', 'must use https'],
  ])('%s=%s is refused (%s)', (variable, value, expected) => {
    const message = problem(() => parseBuildConfig({ ...release, [variable]: value }));
    expect(message).toContain(variable);
    expect(message).toContain(expected);
  });
});

describe('what the manifest gets', () => {
  test('dev: localhost, as before release builds existed', () => {
    expect(hostPermissions(DEV_BUILD)).toEqual(['http://localhost/*']);
    expect(contentScriptMatches(DEV_BUILD)).toEqual({
      overlay: ['http://localhost/films/*'],
      join: ['http://localhost/join/*'],
    });
  });

  test('release: each host once, without ports (Firefox cannot match them)', () => {
    const config = parseBuildConfig({
      KINO_BACKEND_URL: 'https://api.kino.test:8443/together',
      KINO_CINEMA_ORIGINS: 'https://cinema.kino.test:8443,https://kino.test',
    });
    expect(hostPermissions(config)).toEqual([
      'https://cinema.kino.test/*',
      'https://kino.test/*',
      'https://api.kino.test/*',
    ]);
    expect(contentScriptMatches(config)).toEqual({
      overlay: ['https://cinema.kino.test/films/*', 'https://kino.test/films/*'],
      join: ['https://api.kino.test/together/join/*'],
    });
  });

  test('a backend on the cinema host needs one host permission', () => {
    const config = parseBuildConfig({
      KINO_BACKEND_URL: 'https://kino.example/together',
      KINO_CINEMA_ORIGINS: 'https://kino.example',
    });
    expect(hostPermissions(config)).toEqual(['https://kino.example/*']);
  });
});
