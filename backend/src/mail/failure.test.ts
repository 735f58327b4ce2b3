import { expect, test } from 'bun:test';
import { classifySendFailure } from './failure.ts';

const failure = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

test('an unreachable, slow or closing server is a connection failure', () => {
  for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'SEND_TIMEOUT']) {
    expect(classifySendFailure(failure({ code }))).toBe('connection');
  }
  expect(classifySendFailure(failure({ code: 'EPROTOCOL', responseCode: 421 }))).toBe('connection');
});

test('a refusal of the message is a message failure', () => {
  expect(classifySendFailure(failure({ code: 'EENVELOPE', responseCode: 550 }))).toBe('message');
  expect(classifySendFailure(failure({ code: 'EENVELOPE', responseCode: 450 }))).toBe('message');
  expect(classifySendFailure(failure({ code: 'EMESSAGE', responseCode: 552 }))).toBe('message');
  expect(classifySendFailure(new Error('421 try again later'))).toBe('message');
  expect(classifySendFailure('a string')).toBe('message');
});
