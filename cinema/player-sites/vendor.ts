/**
 * The third-party players' own dist files, served from node_modules as a site would serve
 * them from its static folder (no CDN). Only the files listed here are servable.
 */
import { dirname, join } from 'node:path';

const here = import.meta.dir;
/** A package's folder, found the way Bun finds it for this workspace. */
const packageDir = (name: string) => dirname(Bun.resolveSync(`${name}/package.json`, here));

export interface VendorFile {
  path: string;
  type: string;
  /** A change to the text before serving (see SHAKA_CSS). */
  rewrite?: (text: string) => string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Shaka's stylesheet loads Roboto from Google's font CDN; this machine is offline and the
 * fixtures must not reach outside, so that one @font-face uses a local font instead.
 */
const localRoboto = (css: string) =>
  css.replace(
    /src:url\(https:\/\/fonts\.gstatic\.com\/[^)]+\) format\("truetype"\)/g,
    'src:local("Roboto")',
  );

export const VENDOR_FILES: Readonly<Record<string, VendorFile>> = {
  'video.js/video.min.js': { path: join(packageDir('video.js'), 'dist/video.min.js'), type: JS },
  'video.js/video-js.min.css': {
    path: join(packageDir('video.js'), 'dist/video-js.min.css'),
    type: CSS,
  },
  'plyr/plyr.min.js': { path: join(packageDir('plyr'), 'dist/plyr.min.js'), type: JS },
  'plyr/plyr.css': { path: join(packageDir('plyr'), 'dist/plyr.css'), type: CSS },
  'plyr/plyr.svg': {
    path: join(packageDir('plyr'), 'dist/plyr.svg'),
    type: 'image/svg+xml',
  },
  'hls.js/hls.min.js': { path: join(packageDir('hls.js'), 'dist/hls.min.js'), type: JS },
  'shaka-player/shaka-player.ui.js': {
    path: join(packageDir('shaka-player'), 'dist/shaka-player.ui.js'),
    type: JS,
  },
  'shaka-player/controls.css': {
    path: join(packageDir('shaka-player'), 'dist/controls.css'),
    type: CSS,
    rewrite: localRoboto,
  },
};

export async function serveVendor(name: string): Promise<Response | null> {
  const file = VENDOR_FILES[name];
  if (!file) return null;
  const headers = { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=3600' };
  if (!file.rewrite) return new Response(Bun.file(file.path), { headers });
  return new Response(file.rewrite(await Bun.file(file.path).text()), { headers });
}
