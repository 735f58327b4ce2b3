/**
 * Media and the player: the committed .webm clips, the generated HLS streams (playlists,
 * init segments and media segments, Range answered), and the player's script and styles.
 */
import { join } from 'node:path';
import type { CinemaContext } from '../context.ts';
import { jsonError } from '../http/json.ts';
import type { Routes } from '../http/routes.ts';
import { playerScript } from '../player/bundle.ts';

const PLAYER_CSS = join(import.meta.dir, '..', 'public', 'player.css');

/**
 * The clips and the HLS streams, with Range: the cinema's own pages and «Экран»
 * (player-sites/) serve the same files the same way.
 */
export function streamRoutes(ctx: Pick<CinemaContext, 'media' | 'hls'>): Routes {
  const range = (req: Request) => req.headers.get('range');
  return {
    '/media/:file': {
      GET: (req) => ctx.media.serve(req.params.file ?? '', range(req)),
    },
    // A stream is at most two folders deep: <stream>/master.m3u8, <stream>/<rendition>/<file>.
    '/media/hls/:stream/:file': {
      GET: (req) => ctx.hls.serve(`${req.params.stream}/${req.params.file}`, range(req)),
    },
    '/media/hls/:stream/:rendition/:file': {
      GET: (req) =>
        ctx.hls.serve(
          `${req.params.stream}/${req.params.rendition}/${req.params.file}`,
          range(req),
        ),
    },
  };
}

export function mediaRoutes(ctx: CinemaContext): Routes {
  return {
    ...streamRoutes(ctx),
    '/static/player.js': {
      async GET() {
        try {
          return new Response(await playerScript(), {
            headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
          });
        } catch (error) {
          console.error('[cinema] player script:', error);
          return jsonError(500, 'The player script did not build');
        }
      },
    },
    '/static/player.css': {
      GET: () =>
        new Response(Bun.file(PLAYER_CSS), {
          headers: { 'Content-Type': 'text/css; charset=utf-8' },
        }),
    },
  };
}
