import { describe, expect, test } from 'bun:test';
import { ConfigError, parseConfig } from './config.ts';

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
      instanceId: 'instance-x',
      perfTrace: false,
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
    ['ROOM_IDLE_TTL_SECONDS', '-5', /ROOM_IDLE_TTL_SECONDS must be a whole number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must use postgres: or postgresql:/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['SMTP_URL', 'http://mail', /SMTP_URL must use smtp: or smtps:/],
    ['PUBLIC_URL', 'kino.example', /PUBLIC_URL must be a URL/],
    ['HOST', 'http://0.0.0.0', /HOST must be a host name or IP address/],
    ['HOST', '0.0.0.0:8787 x', /HOST must be a host name or IP address/],
    ['KINO_PERF_TRACE', 'yes', /KINO_PERF_TRACE must be 1 or 0/],
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
