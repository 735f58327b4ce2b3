/**
 * `bun run dev`: the whole product on one machine with embedded defaults —
 * demo cinema (:3000; its HLS streams are made with ffmpeg on the first start), backend
 * (:8787, PGlite + in-memory live state + dev mail outbox unless DATABASE_URL / REDIS_URL /
 * SMTP_URL say otherwise), «Экран», a third-party film site with real players (:3001),
 * and a freshly built extension (Chrome and Firefox folders).
 */

import { startPlayerSites } from '@kino/cinema/player-sites/server';
import { startCinema } from '@kino/cinema/server';
import { spawnSync } from 'bun';
import { startBackend } from '../backend/src/main.ts';

const root = new URL('..', import.meta.url).pathname;
const cinemaPort = Number(process.env.CINEMA_PORT ?? 3000);
const backendPort = Number(process.env.PORT ?? 8787);

function buildExtension(): void {
  if (process.env.SKIP_EXTENSION_BUILD === '1') return;
  console.log('Building the extension (Chrome and Firefox)…');
  const result = spawnSync(['bun', 'run', 'build'], {
    cwd: `${root}extension`,
    stdout: 'ignore',
    stderr: 'inherit',
  });
  if (result.exitCode !== 0) {
    console.error('Extension build failed; the cinema and backend start anyway.');
  }
}

buildExtension();
const cinema = await startCinema({ port: cinemaPort });
const playerSites = await startPlayerSites();
// The backend talks to this cinema's user API unless CINEMA_URL points elsewhere.
const backend = await startBackend({
  port: backendPort,
  cinemaUrl: process.env.CINEMA_URL ?? cinema.url,
  publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${backendPort}`,
});

const health = (await (await fetch(`${backend.url}/health`)).json()) as {
  stores: Record<string, string>;
};

console.log(`
Kino Vmeste is running.

  Demo cinema   ${cinema.url}        sign in as anna / kino (also boris, vera, gleb, dasha)
  Backend       ${backend.url}       health: ${JSON.stringify(health.stores)}
  Mail outbox   ${backend.url}/dev/outbox.html
  Other players ${playerSites.url}        «Экран»: Video.js, Plyr, media-chrome, Shaka, hls.js
  API docs      ${backend.url}/openapi

  Extension, Chrome:  chrome://extensions → Developer mode → Load unpacked →
                      ${root}extension/.output/chrome-mv3
  Extension, Firefox: about:debugging#/runtime/this-firefox → Load Temporary Add-on →
                      ${root}extension/.output/firefox-mv2/manifest.json

  Then open ${cinema.url}/films/night-train and press "Watch together".
  Ctrl+C stops everything.
`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await backend.stop();
  await playerSites.stop();
  await cinema.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
