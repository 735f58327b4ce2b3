/**
 * Builds the player script for the browser (hls.js from node_modules included) with
 * Bun.build, once per process, on the first request for it.
 */
import { join } from 'node:path';

const ENTRY = join(import.meta.dir, 'main.ts');

let built: Promise<string> | null = null;

async function build(): Promise<string> {
  const result = await Bun.build({ entrypoints: [ENTRY], target: 'browser', minify: true });
  const [output] = result.outputs;
  if (!result.success || !output) {
    throw new AggregateError(result.logs, 'the player script did not build');
  }
  return output.text();
}

export function playerScript(): Promise<string> {
  built ??= build().catch((error) => {
    built = null; // the next request tries again
    throw error;
  });
  return built;
}
