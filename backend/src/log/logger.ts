/**
 * The backend's log: one line per event. `json` (the default with KINO_ENV=production) writes
 * one JSON object per line — `time`, `level`, `msg`, then fields such as `instance`, `room`,
 * `code` — for journald or any collector; `text` writes a line a person reads in a terminal.
 * Every message and string field passes through redact() (no tokens, e-mail addresses or URL
 * passwords). Methods are closures, so `log.error` can be handed around as a callback.
 */
import { redact } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text';
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

/** What the app's modules log through (tests pass their own). */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Optional: a test's logger may leave it out. */
  warn?(message: string, fields?: LogFields): void;
}

export interface StructuredLogger extends Logger {
  warn(message: string, fields?: LogFields): void;
  /** The same log with `fields` on every line (e.g. the instance id). */
  child(fields: LogFields): StructuredLogger;
}

export interface LoggerOptions {
  format: LogFormat;
  /** Fields on every line. */
  fields?: LogFields;
  /** Where a finished line goes; by default errors to stderr, the rest to stdout. */
  write?: (line: string, level: LogLevel) => void;
  clock?: () => number;
}

/** The keys every JSON line starts with; a field of the same name cannot replace them. */
const RESERVED = new Set(['time', 'level', 'msg']);

function clean(fields: LogFields): Record<string, Exclude<LogValue, undefined>> {
  const out: Record<string, Exclude<LogValue, undefined>> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || RESERVED.has(key)) continue;
    out[key] = typeof value === 'string' ? redact(value) : value;
  }
  return out;
}

export function formatLine(
  format: LogFormat,
  time: number,
  level: LogLevel,
  message: string,
  fields: LogFields,
): string {
  const msg = redact(message);
  const extra = clean(fields);
  if (format === 'json') {
    return JSON.stringify({ time: new Date(time).toISOString(), level, msg, ...extra });
  }
  const tail = Object.entries(extra)
    .map(([key, value]) => ` ${key}=${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join('');
  return `[backend]${level === 'info' ? '' : ` ${level}:`} ${msg}${tail}`;
}

const toStdio = (line: string, level: LogLevel) => {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
};

export function createLogger(options: LoggerOptions): StructuredLogger {
  const base = options.fields ?? {};
  const write = options.write ?? toStdio;
  const clock = options.clock ?? Date.now;
  const emit =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}) =>
      write(formatLine(options.format, clock(), level, message, { ...base, ...fields }), level);
  return {
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** An error as one log field: its stack (or message), redacted later with everything else. */
export function errorField(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
