/** The extension README quotes the player hook's timings: checked here so they cannot drift. */
import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { CORRECTION_TICK_MS, STALL_REPORT_MS } from './player/player-hook';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('README quotes the correction tick and the stall threshold the hook uses', () => {
  expect(readme).toContain(`Every ${CORRECTION_TICK_MS} ms (and on every remote update)`);
  expect(readme).toContain(`lasting over ${STALL_REPORT_MS} ms is reported`);
});
