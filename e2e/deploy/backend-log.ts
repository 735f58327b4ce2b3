/**
 * What the deploy suite holds the backend's log to: one JSON object per line (time, level, msg,
 * the instance), and none of the members' e-mail addresses, tokens or chat lines in it.
 */
import { expect } from 'bun:test';

export function expectStructuredLog(lines: string[], instance: string, privateTexts: string[]) {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Error(`${instance} printed a line that is not JSON: ${line}`);
    }
    expect(Object.keys(entry).slice(0, 3)).toEqual(['time', 'level', 'msg']);
    expect(entry.instance).toBe(instance);
    expect(line).not.toMatch(/[\w.+-]+@kino\.(example|test)\b/);
    expect(line).not.toMatch(/\beyJ[\w-]{8,}\./);
    for (const text of privateTexts) expect(line).not.toContain(text);
  }
}
