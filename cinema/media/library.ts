/**
 * Serves the committed film clips. Only files found in the media folder at
 * start are servable, looked up by exact name, so no path can escape it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jsonError } from '../http/json.ts';
import { serveFile } from './serve-file.ts';

export const MEDIA_DIR = import.meta.dir;

const CONTENT_TYPES: Record<string, string> = { webm: 'video/webm' };

export interface MediaLibrary {
  has(file: string): boolean;
  serve(file: string, rangeHeader: string | null): Response;
}

function contentTypeOf(file: string): string | undefined {
  return CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)];
}

export function createMediaLibrary(dir: string = MEDIA_DIR): MediaLibrary {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (contentTypeOf(name)) files.set(name, join(dir, name));
  }

  return {
    has: (file) => files.has(file),
    serve(file, rangeHeader) {
      const path = files.get(file);
      const type = contentTypeOf(file);
      if (!path || !type) return jsonError(404, `No such media file: ${file}`);
      return serveFile(path, type, rangeHeader);
    },
  };
}
