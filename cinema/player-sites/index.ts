/** Runs «Экран» standalone: `bun cinema/player-sites/index.ts` (PLAYER_SITES_PORT, default 3001). */
import { startPlayerSites } from './server.ts';

const sites = await startPlayerSites();
console.log(`Third-party player pages («Экран»): ${sites.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sites.stop().then(() => process.exit(0));
  });
}
