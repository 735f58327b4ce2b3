import { describe, expect, test } from 'bun:test';
import { CLIENT_MESSAGE_SCHEMAS } from './client-messages.ts';
import { createProtocolParsers } from './parse.ts';
import { createValidator, type SchemaCompiler } from './validator.ts';

/** What `new Function` does under an extension's CSP. */
const cspForbidsCodegen: SchemaCompiler = () => {
  throw new EvalError(
    "Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed",
  );
};

const samples: unknown[] = [
  { type: 'seek', baseSeq: 2, position: 10 },
  { type: 'seek', baseSeq: 2, position: -10 },
  { type: 'seek', baseSeq: 2.5, position: 10 },
  { type: 'seek', baseSeq: 2, position: Number.NaN },
  { type: 'seek', baseSeq: 2, position: Number.POSITIVE_INFINITY },
  { type: 'seek', baseSeq: 2, position: 10, extra: true },
  { type: 'seek', baseSeq: 2 },
  null,
];

describe('validator', () => {
  test('auto compiles where codegen works (Bun)', () => {
    expect(createValidator(CLIENT_MESSAGE_SCHEMAS.seek).mode).toBe('compiled');
  });

  test('auto falls back to the interpreter when a CSP forbids codegen', () => {
    const validator = createValidator(CLIENT_MESSAGE_SCHEMAS.seek, 'auto', cspForbidsCodegen);
    expect(validator.mode).toBe('interpreted');
    expect(validator.check({ type: 'seek', baseSeq: 2, position: 10 })).toBe(true);
  });

  test('compiled mode insists and surfaces the CSP error', () => {
    expect(() =>
      createValidator(CLIENT_MESSAGE_SCHEMAS.seek, 'compiled', cspForbidsCodegen),
    ).toThrow(EvalError);
  });

  test('compiled and interpreted validators agree, NaN and Infinity included', () => {
    const compiled = createValidator(CLIENT_MESSAGE_SCHEMAS.seek, 'compiled');
    const interpreted = createValidator(CLIENT_MESSAGE_SCHEMAS.seek, 'interpreted');
    const verdicts = samples.map((value) => [compiled.check(value), interpreted.check(value)]);
    expect(verdicts).toEqual([
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ]);
    expect(compiled.firstError(samples[1])?.path).toBe('/position');
  });

  test('interpreted parsers give the same results as compiled ones', () => {
    const compiled = createProtocolParsers('compiled');
    const interpreted = createProtocolParsers('interpreted');
    const frames = [
      '{"type":"chat","id":"abcdefgh","text":" hi "}',
      '{"type":"chat","id":"abc","text":"hi"}',
      '{"type":"hello","v":2,"token":"t","roomId":"r","clientId":"tab_1234567"}',
      '{"type":"pong","id":1,"t0":1,"serverTime":2}',
    ];
    for (const frame of frames) {
      expect(interpreted.parseClientMessage(frame)).toEqual(compiled.parseClientMessage(frame));
      expect(interpreted.parseServerMessage(frame)).toEqual(compiled.parseServerMessage(frame));
    }
  });
});
