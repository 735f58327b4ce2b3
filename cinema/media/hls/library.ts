/**
 * Serves the generated HLS streams. The servable files are indexed once, from the folders
 * of the streams that are ready, and looked up by their exact relative path, so no request
 * reaches anything else (the stamps, a half-made stream, a file outside the cache).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jsonError } from '../../http/json.ts';
import { serveFile } from '../serve-file.ts';
import { MASTER_PLAYLIST } from './ffmpeg-args.ts';

export const HLS_CONTENT_TYPES: Readonly<Record<string, string>> = {
  m3u8: 'application/vnd.apple.mpegurl',
  mp4: 'video/mp4',
  m4s: 'video/iso.segment',
};

export interface HlsLibrary {
  /** Whether the stream `id` (a film id, or "ad") can be played. */
  has(id: string): boolean;
  /** The URL path of the stream's master playlist. */
  masterPath(id: string): string;
  /** A file of a stream, by its path below /media/hls/ (e.g. "first-snow/360p/seg003.m4s"). */
  serve(relativePath: string, rangeHeader: string | null): Response;
}

export const HLS_URL_PREFIX = '/media/hls';

function contentTypeOf(file: string): string | undefined {
  return HLS_CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)];
}

/** Every servable file below `root/id`, as "id/…" → absolute path (two levels deep). */
function indexStream(root: string, id: string, into: Map<string, string>): void {
  const walk = (rel: string, depth: number) => {
    for (const name of readdirSync(join(root, rel))) {
      const childRel = `${rel}/${name}`;
      const abs = join(root, childRel);
      if (statSync(abs).isDirectory()) {
        if (depth < 1) walk(childRel, depth + 1);
      } else if (contentTypeOf(name)) {
        into.set(childRel, abs);
      }
    }
  };
  walk(id, 0);
}

/** `ready` are the ids of the streams the generator reported current in `root`. */
export function createHlsLibrary(root: string, ready: readonly string[]): HlsLibrary {
  const files = new Map<string, string>();
  const streams = new Set<string>();
  for (const id of ready) {
    indexStream(root, id, files);
    if (files.has(`${id}/${MASTER_PLAYLIST}`)) streams.add(id);
  }

  return {
    has: (id) => streams.has(id),
    masterPath: (id) => `${HLS_URL_PREFIX}/${encodeURIComponent(id)}/${MASTER_PLAYLIST}`,
    serve(relativePath, rangeHeader) {
      const path = files.get(relativePath);
      const type = contentTypeOf(relativePath);
      if (!path || !type) return jsonError(404, `No such stream file: ${relativePath}`);
      // Playlists are re-read on every load (a regenerated stream must not mix with old
      // segments); segments are immutable for a given playlist.
      const cache = type === HLS_CONTENT_TYPES.m3u8 ? 'no-cache' : 'public, max-age=3600';
      return serveFile(path, type, rangeHeader, cache);
    },
  };
}
