import type { TObject } from '@sinclair/typebox';
import { isRecord } from '../is-record.ts';
import { normalizeChatText } from './chat-text.ts';
import {
  CLIENT_MESSAGE_SCHEMAS,
  type ClientMessage,
  HISTORY_DEFAULT_LIMIT,
} from './client-messages.ts';
import { describeValueError } from './describe-error.ts';
import type { ProtocolError } from './errors.ts';
import { MAX_CLIENT_FRAME_BYTES } from './frame-budget.ts';
import { SERVER_MESSAGE_SCHEMAS, type ServerMessage } from './server-messages.ts';
import { createValidator, type Validator, type ValidatorMode } from './validator.ts';
import { checkVersion, PROTOCOL_VERSION } from './version.ts';

/** Largest accepted client frame, in bytes (UTF-8). Chat is 500 characters; 16 KiB leaves room. */
export const MAX_FRAME_BYTES = MAX_CLIENT_FRAME_BYTES;

export type RawFrame = string | ArrayBuffer | Uint8Array;
export type ParseResult<M> = { ok: true; message: M } | { ok: false; error: ProtocolError };

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Size in UTF-8 bytes, without encoding when the answer is obvious from the length alone. */
function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true; // each UTF-16 unit is at least one byte
  if (text.length * 3 <= maxBytes) return false; // each unit is at most three bytes
  return utf8.encode(text).byteLength > maxBytes;
}

function fail(code: ProtocolError['code'], message: string, ref?: string): ParseResult<never> {
  return { ok: false, error: ref === undefined ? { code, message } : { code, message, ref } };
}

/** Decodes a frame to text, or says why not. Size is checked before any decoding work. */
function frameText(raw: RawFrame, maxBytes: number): ParseResult<string> {
  if (typeof raw === 'string') {
    if (exceedsBytes(raw, maxBytes)) return fail('too_large', `frame exceeds ${maxBytes} bytes`);
    return { ok: true, message: raw };
  }
  if (raw.byteLength > maxBytes) return fail('too_large', `frame exceeds ${maxBytes} bytes`);
  try {
    return { ok: true, message: strictUtf8.decode(raw) };
  } catch {
    return fail('bad_json', 'frame is not valid UTF-8');
  }
}

/**
 * What an error about this message names it by, so the client can match it to what it sent:
 * its `id` (chat, reaction, ping, and any command that carries one), else its `type`.
 */
function refOf(value: Record<string, unknown>): string | undefined {
  const id = value.id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 128) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return typeof value.type === 'string' ? value.type.slice(0, 40) : undefined;
}

type Schemas = Record<string, TObject>;

function createParser<M>(
  schemas: Schemas,
  mode: ValidatorMode,
  refine: (message: M) => ParseResult<M>,
  precheck: (value: Record<string, unknown>) => ProtocolError | null,
) {
  const validators = new Map<string, Validator>();
  const validatorFor = (type: string): Validator | undefined => {
    const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
    if (!schema) return undefined;
    let validator = validators.get(type);
    if (!validator) {
      validator = createValidator(schema, mode);
      validators.set(type, validator);
    }
    return validator;
  };

  return (raw: RawFrame, maxBytes: number = MAX_FRAME_BYTES): ParseResult<M> => {
    const text = frameText(raw, maxBytes);
    if (!text.ok) return text;
    let value: unknown;
    try {
      value = JSON.parse(text.message);
    } catch {
      return fail('bad_json', 'frame is not valid JSON');
    }
    if (!isRecord(value)) return fail('invalid_message', 'message must be a JSON object');
    const type = value.type;
    if (typeof type !== 'string') return fail('invalid_message', '"type" must be a string');
    const validator = validatorFor(type);
    if (!validator) {
      return fail('unknown_type', `unknown message type "${type.slice(0, 40)}"`, refOf(value));
    }
    const early = precheck(value);
    if (early) return { ok: false, error: { ...early, ref: refOf(value) } };
    if (!validator.check(value)) {
      const first = validator.firstError(value);
      const reason = first ? describeValueError(first) : 'message does not match its schema';
      return fail('invalid_message', `${type}: ${reason}`, refOf(value));
    }
    return refine(value as M);
  };
}

/**
 * Client-side extras the schema cannot say: chat text is normalized and must show something
 * (see chat-text.ts; the schema already capped it at 500), and `history.limit` gets its default.
 */
function refineClientMessage(message: ClientMessage): ParseResult<ClientMessage> {
  if (message.type === 'chat') {
    const text = normalizeChatText(message.text);
    if (!text.ok) return fail('invalid_message', `chat: ${text.reason}`, message.id);
    return { ok: true, message: { ...message, text: text.text } };
  }
  if (
    message.type === 'settings' &&
    message.controlMode === undefined &&
    message.bufferPolicy === undefined
  ) {
    return fail('invalid_message', 'settings: name at least one setting', message.id ?? 'settings');
  }
  if (message.type === 'history' && message.limit === undefined) {
    return { ok: true, message: { ...message, limit: HISTORY_DEFAULT_LIMIT } };
  }
  return { ok: true, message };
}

/**
 * A `hello` of another version may have a different shape, so its version is judged before
 * its schema: the client learns it must update, not that a field is wrong.
 */
function precheckClientMessage(value: Record<string, unknown>): ProtocolError | null {
  if (value.type !== 'hello' || typeof value.v !== 'number') return null;
  return checkVersion(value.v, PROTOCOL_VERSION);
}

const noPrecheck = () => null;
const acceptAsIs = <M>(message: M): ParseResult<M> => ({ ok: true, message });

export interface ProtocolParsers {
  parseClientMessage(raw: RawFrame, maxBytes?: number): ParseResult<ClientMessage>;
  parseServerMessage(raw: RawFrame, maxBytes?: number): ParseResult<ServerMessage>;
}

/**
 * Builds parsers with a chosen validation mode. `auto` compiles where codegen is allowed
 * (Bun) and interprets where a CSP forbids it (extension); see validator.ts.
 */
export function createProtocolParsers(mode: ValidatorMode = 'auto'): ProtocolParsers {
  return {
    parseClientMessage: createParser<ClientMessage>(
      CLIENT_MESSAGE_SCHEMAS,
      mode,
      refineClientMessage,
      precheckClientMessage,
    ),
    parseServerMessage: createParser<ServerMessage>(
      SERVER_MESSAGE_SCHEMAS,
      mode,
      acceptAsIs,
      noPrecheck,
    ),
  };
}

const defaultParsers = createProtocolParsers('auto');

/** Parses and validates one client→server frame. Never throws. */
export const parseClientMessage = defaultParsers.parseClientMessage;
/** Parses and validates one server→client frame. Never throws. */
export const parseServerMessage = defaultParsers.parseServerMessage;

/** Serialises a message for the wire (JSON text frame). */
export function encode(message: ClientMessage | ServerMessage): string {
  return JSON.stringify(message);
}
