/**
 * The production log as tests read it: every line one JSON object that starts with `time`,
 * `level`, `msg` and names its instance (backend/src/log/logger.ts). Throws naming the first
 * line that is not; the caller adds what must not be in it.
 */
export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: string;
  instance?: string;
  [field: string]: unknown;
}

export function parseJsonLog(lines: string[], instance: string): LogEntry[] {
  if (lines.length === 0) throw new Error(`${instance} logged nothing`);
  return lines.map((line) => {
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      throw new Error(`${instance} printed a line that is not JSON: ${line}`);
    }
    const keys = Object.keys(entry).slice(0, 3).join(',');
    const problem =
      keys !== 'time,level,msg'
        ? `starts with ${keys}`
        : Number.isNaN(Date.parse(entry.time))
          ? 'has no valid time'
          : !['info', 'warn', 'error'].includes(entry.level)
            ? `has level ${entry.level}`
            : entry.instance !== instance
              ? `names instance ${entry.instance}`
              : null;
    if (problem) throw new Error(`${instance}: a log line ${problem}: ${line}`);
    return entry;
  });
}
