import { describe, expect, test } from 'bun:test';
import { createLogger, errorField, formatLine, type LogLevel } from './logger.ts';
import { redact } from './redact.ts';

const at = Date.UTC(2026, 10, 30, 12, 0, 0);

function collect(format: 'json' | 'text') {
  const lines: { line: string; level: LogLevel }[] = [];
  const log = createLogger({
    format,
    fields: { instance: 'api1' },
    write: (line, level) => lines.push({ line, level }),
    clock: () => at,
  });
  return { log, lines };
}

describe('JSON lines', () => {
  test('one object per line: time, level, msg first, then the fields', () => {
    const { log, lines } = collect('json');
    log.info('room created', { room: 'R1', invitees: 2, link: true, absent: undefined });
    log.child({ room: 'R2' }).warn('slow store', { code: 'store_slow' });
    log.error('unhandled error\nwith a second line');
    expect(lines.map((l) => l.level)).toEqual(['info', 'warn', 'error']);
    for (const { line } of lines) expect(line).not.toContain('\n');
    const parsed = lines.map((l) => JSON.parse(l.line));
    expect(Object.keys(parsed[0])).toEqual([
      'time',
      'level',
      'msg',
      'instance',
      'room',
      'invitees',
      'link',
    ]);
    expect(parsed[0]).toEqual({
      time: '2026-11-30T12:00:00.000Z',
      level: 'info',
      msg: 'room created',
      instance: 'api1',
      room: 'R1',
      invitees: 2,
      link: true,
    });
    expect(parsed[1]).toMatchObject({
      level: 'warn',
      room: 'R2',
      code: 'store_slow',
      instance: 'api1',
    });
    expect(parsed[2].msg).toBe('unhandled error\nwith a second line');
  });

  test('a field cannot pass itself off as time, level or msg', () => {
    const line = JSON.parse(
      formatLine('json', at, 'info', 'real', { msg: 'fake', level: 'error' }),
    );
    expect(line).toMatchObject({ msg: 'real', level: 'info' });
  });

  test('text lines for a terminal keep the old shape', () => {
    const { log, lines } = collect('text');
    log.info('listening on localhost:8787', { port: 8787 });
    log.error('database connection lost');
    expect(lines[0]!.line).toBe('[backend] listening on localhost:8787 instance="api1" port=8787');
    expect(lines[1]!.line).toBe('[backend] error: database connection lost instance="api1"');
  });

  test('methods work detached, as callbacks', () => {
    const { log, lines } = collect('json');
    const report = log.error;
    report('from a callback');
    expect(JSON.parse(lines[0]!.line).msg).toBe('from a callback');
  });
});

describe('redaction', () => {
  const jwt =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbm5hIiwibmFtZSI6ItCQ0L3QvdCwIn0.c2lnbmF0dXJlLXBhcnQ';

  test.each([
    [
      'mail 7 refused: 550 5.1.1 <boris@kino.example>: Recipient address rejected',
      'boris@kino.example',
    ],
    [`verify failed for token ${jwt}`, jwt],
    ['authorization: Bearer abc.def-123', 'abc.def-123'],
    ['GET /join/R1?invite=tok_secret_1&utm=x', 'tok_secret_1'],
    ['connect ECONNREFUSED smtp://invites%40example.com:hunter2@smtp.example.com:587', 'hunter2'],
    ['postgres://kino:pa55word@db:5432/kino unreachable', 'pa55word'],
    ['redis error (password=s3cret)', 's3cret'],
  ])('%s', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toMatch(/@example\.com|@kino\.example/);
  });

  test('what is not secret stays readable', () => {
    expect(redact('room R1 closed by anna (code room_closed)')).toBe(
      'room R1 closed by anna (code room_closed)',
    );
    expect(redact('listening on 127.0.0.1:8787 (db postgres)')).toBe(
      'listening on 127.0.0.1:8787 (db postgres)',
    );
  });

  test('messages and string fields are both redacted on the way out', () => {
    const { log, lines } = collect('json');
    log.error('mail to vera@kino.example refused', { error: `Bearer ${jwt}`, to: 'a@b.co' });
    expect(lines[0]!.line).not.toMatch(/vera@|eyJ|a@b\.co/);
    expect(JSON.parse(lines[0]!.line)).toMatchObject({
      msg: 'mail to <email> refused',
      to: '<email>',
    });
  });

  test('errors become one field with their stack', () => {
    const field = errorField(new TypeError('bad'));
    expect(field).toContain('TypeError: bad');
    expect(errorField('plain')).toBe('plain');
  });
});
