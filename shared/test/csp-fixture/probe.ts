/**
 * Runs inside the browser (an extension page, a content script): reports whether codegen is
 * allowed there, which validator mode `auto` picked, and what the parsers answer.
 */
import {
  CLIENT_MESSAGE_SCHEMAS,
  createValidator,
  parseClientMessage,
  parseServerMessage,
} from '../../src/protocol.ts';

function codegenAllowed(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

const report = {
  codegenAllowed: codegenAllowed(),
  autoMode: createValidator(CLIENT_MESSAGE_SCHEMAS.seek).mode,
  valid: parseClientMessage('{"type":"seek","baseSeq":1,"position":2.5}'),
  invalid: parseClientMessage('{"type":"seek","baseSeq":1,"position":-2}'),
  extra: parseClientMessage('{"type":"leave","x":1}'),
  server: parseServerMessage('{"type":"room-closed","reason":"expired"}'),
};

document.documentElement.dataset.kinoProbe = JSON.stringify(report);
