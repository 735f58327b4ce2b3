/**
 * Our backend as a child process, configured from the environment (DATABASE_URL,
 * REDIS_URL, REDIS_PREFIX, CINEMA_URL, INSTANCE_ID, KINO_PERF_TRACE; PORT=0), bound to
 * loopback like the baselines. Prints `READY <port>`; on SIGUSR2 prints `COUNTERS <json>`
 * (the hub's bus counters, backend/src/realtime/bus-counters.ts, and the process's CPU-ms);
 * SIGTERM stops the hub gracefully, then the app.
 */
import { startBackend } from '../../../../backend/src/main.ts';

const quiet = { info: () => {}, error: (m: string) => console.error(m) };
const backend = await startBackend(
  // The load creates a thousand rooms as one user: quotas and API rates are not measured here.
  {
    port: 0,
    host: '127.0.0.1',
    quotas: {
      roomsPerOwner: 1_000_000,
      roomsWindowSeconds: 1,
      invitesPerSender: 1_000_000,
      invitesPerRecipient: 1_000_000,
      invitesWindowSeconds: 1,
    },
    apiRateLimit: { perSecond: 100_000, burst: 100_000 },
  },
  { log: quiet, mailPollMs: 60_000 },
);
console.log(`READY ${backend.port}`);
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  const counters = {
    ...backend.app.decorator.realtimeHub.busCounters(),
    cpuMs: (user + system) / 1000,
  };
  console.log(`COUNTERS ${JSON.stringify(counters)}`);
});
process.once('SIGTERM', () => {
  void backend.app.decorator.realtimeHub
    .stop()
    .then(() => backend.stop())
    .finally(() => process.exit(0));
});
