/**
 * The HLS streams a server offers: made if missing (when allowed), then indexed. Shared by
 * the cinema and the third-party player sites, which serve the same streams.
 */
import { SEED_FILMS } from '../../data/seed.ts';
import { currentStreamIds, ensureHlsStreams } from './generate.ts';
import { createHlsLibrary, type HlsLibrary } from './library.ts';
import { hlsRecipes } from './recipe.ts';

export interface PrepareHlsOptions {
  dir: string;
  generate: boolean;
}

const RECIPES = hlsRecipes(SEED_FILMS);
const warned = new Set<string>();
/** One generation per cache folder at a time in this process (servers started together). */
const inFlight = new Map<string, Promise<void>>();

function warnOnce(reason: string): void {
  if (warned.has(reason)) return;
  warned.add(reason);
  console.warn(`[cinema] HLS streams unavailable (${reason}): those films play as WebM`);
}

async function generate(dir: string): Promise<void> {
  const result = await ensureHlsStreams(RECIPES, {
    dir,
    log: (line) => console.log(`[cinema] ${line}`),
  });
  if (result.status === 'unavailable') warnOnce(result.reason);
}

/** Never throws: a stream that cannot be made is left out, and the reason printed once. */
export async function prepareHls({
  dir,
  generate: allowed,
}: PrepareHlsOptions): Promise<HlsLibrary> {
  if (allowed) {
    let running = inFlight.get(dir);
    if (!running) {
      running = generate(dir)
        .catch((error) => warnOnce(error instanceof Error ? error.message : String(error)))
        .finally(() => inFlight.delete(dir));
      inFlight.set(dir, running);
    }
    await running;
  }
  return createHlsLibrary(dir, await currentStreamIds(RECIPES, { dir }));
}
