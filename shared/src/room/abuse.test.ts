import { describe, expect, test } from 'bun:test';
import { type AbuseState, recordViolation } from './abuse.ts';

const policy = { maxViolations: 3, windowMs: 1_000 };

describe('recordViolation', () => {
  test('closes on the Nth violation within the window', () => {
    let state: AbuseState = [];
    const closes: boolean[] = [];
    for (const now of [0, 100, 200]) {
      const result = recordViolation(state, now, policy);
      state = result.state;
      closes.push(result.close);
    }
    expect(closes).toEqual([false, false, true]);
  });

  test('forgets violations older than the window', () => {
    let state: AbuseState = [];
    for (const now of [0, 100]) state = recordViolation(state, now, policy).state;
    const later = recordViolation(state, 1_050, policy);
    expect(later.close).toBe(false);
    expect(later.state).toEqual([100, 1_050]);
  });

  test('does not mutate the previous state', () => {
    const state: AbuseState = [0];
    recordViolation(state, 10, policy);
    expect(state).toEqual([0]);
  });
});
