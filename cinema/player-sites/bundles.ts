/**
 * Page scripts that import players as ES modules (media-chrome, hls-video-element, hls.js),
 * bundled from node_modules with Bun.build once per process, on first request.
 */
import { join } from 'node:path';

export const BUNDLES = {
  'media-chrome.js': 'media-chrome.ts',
  'swapping-player.js': 'swapping-player.ts',
} as const satisfies Record<string, string>;

export type BundleName = keyof typeof BUNDLES;

const built = new Map<BundleName, Promise<string>>();

async function build(name: BundleName): Promise<string> {
  const entry = join(import.meta.dir, 'client', BUNDLES[name]);
  const result = await Bun.build({ entrypoints: [entry], target: 'browser', minify: true });
  const [output] = result.outputs;
  if (!result.success || !output) throw new AggregateError(result.logs, `${name} did not build`);
  return output.text();
}

export function isBundle(name: string): name is BundleName {
  return Object.hasOwn(BUNDLES, name);
}

export function bundle(name: BundleName): Promise<string> {
  let pending = built.get(name);
  if (!pending) {
    pending = build(name).catch((error) => {
      built.delete(name); // the next request tries again
      throw error;
    });
    built.set(name, pending);
  }
  return pending;
}
