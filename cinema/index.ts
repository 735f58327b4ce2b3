/** Runs the demo cinema standalone: `bun cinema/index.ts` (CINEMA_PORT, default 3000). */
import { startCinema } from './server.ts';

const cinema = await startCinema();
console.log(`Demo cinema: ${cinema.url}  (users anna, boris, vera, gleb, dasha; password kino)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void cinema.stop().then(() => process.exit(0));
  });
}
