import { describe, expect, test } from 'bun:test';
import { ConfigError, DEFAULT_QUOTAS, logFormatOf, parseConfig } from './config.ts';
import { DEV_JWT_SECRET, DEV_SERVICE_KEY, MIN_SECRET_LENGTH } from './production.ts';

const fixedId = () => 'instance-x';

describe('parseConfig', () => {
  test('defaults match ARCHITECTURE.md', () => {
    expect(parseConfig({}, fixedId)).toEqual({
      port: 8787,
      host: 'localhost',
      publicUrl: 'http://localhost:8787',
      databaseUrl: undefined,
      dataDir: '.data',
      redisUrl: undefined,
      redisPrefix: 'kino:',
      smtpUrl: undefined,
      mailFrom: 'Кино Вместе <no-reply@kino-vmeste.local>',
      cinemaUrl: 'http://localhost:3000',
      cinemaServiceKey: 'dev-service-key',
      jwtSecret: 'dev-cinema-secret',
      jwtIssuer: 'http://localhost:3000',
      jwtAudience: 'kino-vmeste',
      jwtJwksUrl: undefined,
      roomIdleTtlSeconds: 1800,
      roomSweepIntervalSeconds: 60,
      screeningReminderSeconds: 900,
      instanceId: 'instance-x',
      perfTrace: false,
      mode: 'development',
      quotas: DEFAULT_QUOTAS,
      apiRateLimit: { perSecond: 5, burst: 60 },
      logFormat: 'text',
      storeLinks: {},
    });
    expect(DEFAULT_QUOTAS).toEqual({
      roomsPerOwner: 5,
      roomsWindowSeconds: 600,
      invitesPerSender: 30,
      invitesPerRecipient: 10,
      invitesWindowSeconds: 3600,
    });
  });

  test('HOST and KINO_PERF_TRACE: production binds every interface, load tests trace', () => {
    expect(parseConfig({ HOST: '0.0.0.0', KINO_PERF_TRACE: '1' }, fixedId)).toMatchObject({
      host: '0.0.0.0',
      perfTrace: true,
    });
    expect(parseConfig({ HOST: '::' }, fixedId).host).toBe('::');
    expect(parseConfig({ HOST: 'kino-backend.internal' }, fixedId).host).toBe(
      'kino-backend.internal',
    );
  });

  test('reads every variable and trims trailing slashes from URLs', () => {
    const config = parseConfig(
      {
        PORT: '9000',
        PUBLIC_URL: 'https://kino.example/',
        DATABASE_URL: 'postgres://u@db:5432/kino',
        DATA_DIR: '/var/kino',
        REDIS_URL: 'redis://cache:6379',
        SMTP_URL: 'smtps://user:pw@mail.example:465',
        MAIL_FROM: 'Kino <k@example.com>',
        CINEMA_URL: 'https://cinema.example',
        CINEMA_SERVICE_KEY: 'key',
        JWT_SECRET: 'secret',
        JWT_ISSUER: 'https://cinema.example',
        JWT_AUDIENCE: 'aud',
        JWT_JWKS_URL: 'https://cinema.example/.well-known/jwks.json',
        ROOM_IDLE_TTL_SECONDS: '600',
        INSTANCE_ID: 'a1',
      },
      fixedId,
    );
    expect(config).toMatchObject({
      port: 9000,
      publicUrl: 'https://kino.example',
      databaseUrl: 'postgres://u@db:5432/kino',
      dataDir: '/var/kino',
      redisUrl: 'redis://cache:6379',
      smtpUrl: 'smtps://user:pw@mail.example:465',
      jwtJwksUrl: 'https://cinema.example/.well-known/jwks.json',
      roomIdleTtlSeconds: 600,
      instanceId: 'a1',
    });
  });

  test('empty values count as unset', () => {
    expect(parseConfig({ DATABASE_URL: '  ', REDIS_URL: '' }, fixedId)).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
    });
  });

  test.each([
    ['PORT', 'abc', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['ROOM_IDLE_TTL_SECONDS', '0', /ROOM_IDLE_TTL_SECONDS must be between/],
    // Below two heartbeats an outage of Redis could let a sweep close an occupied room.
    ['ROOM_IDLE_TTL_SECONDS', '9', /ROOM_IDLE_TTL_SECONDS must be between 10 and/],
    ['ROOM_IDLE_TTL_SECONDS', '-5', /ROOM_IDLE_TTL_SECONDS must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must use postgres: or postgresql:/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['SMTP_URL', 'http://mail', /SMTP_URL must use smtp: or smtps:/],
    ['PUBLIC_URL', 'kino.example', /PUBLIC_URL must be a URL/],
    ['HOST', 'http://0.0.0.0', /HOST must be a host name or IP address/],
    ['HOST', '0.0.0.0:8787 x', /HOST must be a host name or IP address/],
    ['KINO_PERF_TRACE', 'yes', /KINO_PERF_TRACE must be 1 or 0/],
    ['KINO_ENV', 'prod', /KINO_ENV must be production or development/],
    ['QUOTA_ROOMS', '0', /QUOTA_ROOMS must be between 1 and/],
    ['API_RATE_BURST', '0', /API_RATE_BURST must be between 1 and/],
    ['QUOTA_INVITES_RECEIVED', 'ten', /QUOTA_INVITES_RECEIVED must be a whole number/],
    ['QUOTA_INVITES_WINDOW_SECONDS', '999999', /QUOTA_INVITES_WINDOW_SECONDS must be between/],
    ['LOG_FORMAT', 'yaml', /LOG_FORMAT must be json or text/],
    ['KINO_CHROME_STORE_URL', 'chromewebstore.google.com/x', /KINO_CHROME_STORE_URL must be a URL/],
    ['KINO_CHROME_STORE_URL', 'http://chromewebstore.google.com/x', /must use https:/],
    ['KINO_FIREFOX_STORE_URL', 'https://u:p@addons.mozilla.org/x', /must not carry credentials/],
  ])('%s=%s is refused with a message naming it', (name, value, message) => {
    expect(() => parseConfig({ [name]: value }, fixedId)).toThrow(message);
    try {
      parseConfig({ [name]: value }, fixedId);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(name);
    }
  });
});

describe('log format and store links', () => {
  test('logs are JSON lines in production and readable text in development, unless LOG_FORMAT says', () => {
    expect(parseConfig({}, fixedId).logFormat).toBe('text');
    expect(logFormatOf({ KINO_ENV: 'production' })).toBe('json');
    expect(parseConfig({ LOG_FORMAT: 'json' }, fixedId).logFormat).toBe('json');
    expect(logFormatOf({ KINO_ENV: 'production', LOG_FORMAT: 'text' })).toBe('text');
    // Used to report a bad config, so it never throws: a bad value falls back to the mode's.
    expect(logFormatOf({ KINO_ENV: 'production', LOG_FORMAT: 'yaml' })).toBe('json');
  });

  test('the store pages are read from the same variables the extension build uses', () => {
    const config = parseConfig(
      {
        KINO_CHROME_STORE_URL: 'https://chromewebstore.google.com/detail/kino-vmeste/abc/',
        KINO_FIREFOX_STORE_URL: 'https://addons.mozilla.org/firefox/addon/kino-vmeste/',
      },
      fixedId,
    );
    expect(config.storeLinks).toEqual({
      chrome: 'https://chromewebstore.google.com/detail/kino-vmeste/abc',
      firefox: 'https://addons.mozilla.org/firefox/addon/kino-vmeste',
    });
    expect(
      parseConfig({ KINO_FIREFOX_STORE_URL: 'https://addons.mozilla.org/a' }, fixedId).storeLinks,
    ).toEqual({ firefox: 'https://addons.mozilla.org/a' });
  });
});

describe('quotas and rates', () => {
  test('the API rate per user is read from its variables', () => {
    expect(
      parseConfig({ API_RATE_PER_SECOND: '3', API_RATE_BURST: '9' }, fixedId).apiRateLimit,
    ).toEqual({ perSecond: 3, burst: 9 });
  });

  test('each is read from its variable', () => {
    expect(
      parseConfig(
        {
          QUOTA_ROOMS: '2',
          QUOTA_ROOMS_WINDOW_SECONDS: '60',
          QUOTA_INVITES_SENT: '7',
          QUOTA_INVITES_RECEIVED: '3',
          QUOTA_INVITES_WINDOW_SECONDS: '1800',
        },
        fixedId,
      ).quotas,
    ).toEqual({
      roomsPerOwner: 2,
      roomsWindowSeconds: 60,
      invitesPerSender: 7,
      invitesPerRecipient: 3,
      invitesWindowSeconds: 1800,
    });
  });
});

describe('KINO_ENV=production', () => {
  const strong = 'x'.repeat(MIN_SECRET_LENGTH);
  const production = {
    KINO_ENV: 'production',
    DATABASE_URL: 'postgres://u@db:5432/kino',
    REDIS_URL: 'redis://cache:6379',
    SMTP_URL: 'smtp://mail:587',
    PUBLIC_URL: 'https://kino.example',
    JWT_SECRET: `jwt-${strong}`,
    CINEMA_SERVICE_KEY: `key-${strong}`,
  };
  const refusal = (env: Record<string, string | undefined>) => {
    try {
      parseConfig(env, fixedId);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return { variable: (error as ConfigError).variable, message: (error as Error).message };
    }
    return undefined;
  };

  test('starts with real stores and secrets of its own', () => {
    expect(parseConfig(production, fixedId).mode).toBe('production');
  });

  test.each(['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'])(
    'refuses to start without %s',
    (name) => {
      const result = refusal({ ...production, [name]: undefined });
      expect(result?.variable).toBe(name);
      expect(result?.message).toContain('required when KINO_ENV=production');
    },
  );

  test('refuses the documented development secrets', () => {
    expect(refusal({ ...production, JWT_SECRET: undefined })?.variable).toBe('JWT_SECRET');
    expect(refusal({ ...production, JWT_SECRET: DEV_JWT_SECRET })?.message).toContain(
      'development value',
    );
    expect(refusal({ ...production, CINEMA_SERVICE_KEY: undefined })?.variable).toBe(
      'CINEMA_SERVICE_KEY',
    );
    expect(refusal({ ...production, CINEMA_SERVICE_KEY: DEV_SERVICE_KEY })?.message).toContain(
      'development value',
    );
  });

  test('refuses secrets shorter than the minimum', () => {
    const short = 'y'.repeat(MIN_SECRET_LENGTH - 1);
    expect(refusal({ ...production, JWT_SECRET: short })).toMatchObject({
      variable: 'JWT_SECRET',
      message: expect.stringContaining(`at least ${MIN_SECRET_LENGTH} characters`),
    });
    expect(refusal({ ...production, CINEMA_SERVICE_KEY: short })?.variable).toBe(
      'CINEMA_SERVICE_KEY',
    );
  });

  test('with JWKS the shared JWT secret is not used, so not required', () => {
    const jwks = { ...production, JWT_SECRET: undefined, JWT_JWKS_URL: 'https://c.example/jwks' };
    expect(parseConfig(jwks, fixedId).mode).toBe('production');
  });

  test('development accepts the development defaults', () => {
    expect(parseConfig({}, fixedId)).toMatchObject({
      mode: 'development',
      jwtSecret: DEV_JWT_SECRET,
      cinemaServiceKey: DEV_SERVICE_KEY,
    });
  });
});
