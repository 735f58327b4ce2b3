/** Answers a GET for one media file on disk, honouring a single byte range (see range.ts). */
import { decideRange } from './range.ts';

export function serveFile(
  path: string,
  contentType: string,
  rangeHeader: string | null,
  cacheControl = 'public, max-age=3600',
): Response {
  const blob = Bun.file(path);
  const size = blob.size;
  const common = {
    'Accept-Ranges': 'bytes',
    'Content-Type': contentType,
    'Cache-Control': cacheControl,
  };
  const range = decideRange(rangeHeader, size);
  switch (range.kind) {
    case 'full':
      return new Response(blob, {
        status: 200,
        headers: { ...common, 'Content-Length': String(size) },
      });
    case 'partial':
      return new Response(blob.slice(range.start, range.end + 1), {
        status: 206,
        headers: {
          ...common,
          'Content-Length': String(range.end - range.start + 1),
          'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        },
      });
    case 'unsatisfiable':
      return new Response(null, {
        status: 416,
        headers: { ...common, 'Content-Range': `bytes */${size}` },
      });
  }
}
