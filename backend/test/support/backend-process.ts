/**
 * A whole backend in its own process, for fault tests that kill it (SIGKILL) or need it to
 * survive what would crash a process. Configured from the environment like production;
 * KINO_TEST_OVERRIDES (JSON) carries test timing (mail poll/probe/lease). Prints
 * `READY <port>` once listening.
 */
import { startBackend } from '../../src/main.ts';

const overrides = JSON.parse(process.env.KINO_TEST_OVERRIDES ?? '{}') as {
  mailPollMs?: number;
  mailProbeMs?: number;
  mailLeaseMs?: number;
};
const log = {
  info: (m: string) => console.error(`[child] ${m}`),
  error: (m: string) => console.error(`[child] ${m}`),
};
const backend = await startBackend({ port: 0, host: '127.0.0.1' }, { log, ...overrides });
console.log(`READY ${backend.port}`);
process.once('SIGTERM', () => {
  void backend.stop().finally(() => process.exit(0));
});
