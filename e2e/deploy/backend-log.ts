/**
 * What the deploy suite holds the backend's log to: one JSON object per line (time, level, msg,
 * the instance), and none of the members' e-mail addresses, tokens or chat lines in it.
 */
import { expect } from 'bun:test';
import { parseJsonLog } from '@kino/test-support/json-log';

export function expectStructuredLog(lines: string[], instance: string, privateTexts: string[]) {
  parseJsonLog(lines, instance);
  for (const line of lines) {
    expect(line).not.toMatch(/[\w.+-]+@kino\.(example|test)\b/);
    expect(line).not.toMatch(/\beyJ[\w-]{8,}\./);
    for (const text of privateTexts) expect(line).not.toContain(text);
  }
}
