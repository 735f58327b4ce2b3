/** What every route handler may use; built once per server in server.ts. */
import type { CinemaConfig } from './config.ts';
import type { Directory } from './data/directory.ts';
import type { HlsLibrary } from './media/hls/library.ts';
import type { MediaLibrary } from './media/library.ts';

export interface CinemaContext {
  config: CinemaConfig;
  directory: Directory;
  media: MediaLibrary;
  /** The generated HLS streams that are ready (none when ffmpeg was missing). */
  hls: HlsLibrary;
  /** Absolute base for links handed to other services, without a trailing slash. */
  publicUrl: string;
}
