/**
 * `bun cinema/media/hls/cli.ts [--force]`: makes the demo cinema's HLS streams now (the
 * cinema also does this on start when they are missing) and prints times and sizes.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_FILMS } from '../../data/seed.ts';
import { DEFAULT_HLS_DIR, ensureHlsStreams } from './generate.ts';
import { hlsRecipes } from './recipe.ts';

const dir = process.env.CINEMA_HLS_DIR || DEFAULT_HLS_DIR;
const force = Bun.argv.includes('--force');
const result = await ensureHlsStreams(hlsRecipes(SEED_FILMS), {
  dir,
  force,
  log: (line) => console.log(line),
});
if (result.status === 'unavailable') {
  console.error(`Cannot make the HLS streams: ${result.reason}`);
  process.exit(1);
}
if (result.made.length === 0) console.log(`HLS: every stream in ${dir} is current`);
else console.log(`HLS: made ${result.made.length} streams in ${result.seconds.toFixed(1)} s`);

function sizeOf(path: string): { bytes: number; segments: number } {
  let bytes = 0;
  let segments = 0;
  for (const name of readdirSync(path)) {
    const child = join(path, name);
    const stat = statSync(child);
    if (stat.isDirectory()) {
      const inner = sizeOf(child);
      bytes += inner.bytes;
      segments += inner.segments;
    } else {
      bytes += stat.size;
      if (name.endsWith('.m4s')) segments += 1;
    }
  }
  return { bytes, segments };
}

for (const stream of readdirSync(dir).filter((name) => !name.startsWith('.'))) {
  const streamDir = join(dir, stream);
  const renditions = readdirSync(streamDir).filter((n) =>
    statSync(join(streamDir, n)).isDirectory(),
  );
  const parts = renditions.map((r) => {
    const { bytes, segments } = sizeOf(join(streamDir, r));
    return `${r} ${(bytes / 1e6).toFixed(1)} MB / ${segments} segments`;
  });
  console.log(`  ${stream}: ${parts.join(', ')}`);
}
