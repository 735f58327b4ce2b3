/**
 * What the demo cinema streams as HLS, and how each stream is encoded: one place for the
 * rendition ladders, the pre-roll ad and the recipe version that the generated cache is
 * checked against (a change here regenerates the cache on the next start).
 *
 * Sized for CI (2 cores, a clean clone every run): small resolutions, low bitrates and
 * x264's `ultrafast` preset keep generating every stream well under a minute.
 */

/**
 * Bump when the streams must be remade for a reason their ffmpeg command lines do not show
 * (a change of those lines, or of a source clip, remakes them by itself: generate.ts).
 */
export const HLS_RECIPE_VERSION = 1;

/** Frames per second of every clip (the committed .webm clips are 15 fps). */
export const FPS = 15;
/** A keyframe every 2 s in every rendition, so renditions switch on the same boundaries. */
export const KEYFRAME_SECONDS = 2;
/** Target segment length; segments cut on keyframes, so this is a multiple of the above. */
export const SEGMENT_SECONDS = 4;

export interface Rendition {
  /** Folder and label, e.g. "360p"; also burnt into the picture's corner. */
  name: string;
  width: number;
  height: number;
  /** Video bitrate in kbit/s (audio is AUDIO_KBPS on top). */
  videoKbps: number;
}

export const AUDIO_KBPS = 32;

/** The ladder for the 320×180 clips: the source size, then two upscaled steps. */
export const SHORT_FILM_LADDER: readonly Rendition[] = [
  { name: '180p', width: 320, height: 180, videoKbps: 120 },
  { name: '360p', width: 640, height: 360, videoKbps: 300 },
  { name: '720p', width: 1280, height: 720, videoKbps: 800 },
];

/**
 * The 12-minute clip is 256×144 and mostly for sync runs: its size and one step down (an
 * upscaled step would triple the encoding time of the largest stream for nothing).
 */
export const LONG_FILM_LADDER: readonly Rendition[] = [
  { name: '108p', width: 192, height: 108, videoKbps: 36 },
  { name: '144p', width: 256, height: 144, videoKbps: 60 },
];

export interface HlsFilmRecipe {
  /** Film id; the stream lives at /media/hls/<id>/master.m3u8. */
  id: string;
  /** The committed progressive clip the stream is made from (cinema/media/<id>.webm). */
  source: string;
  ladder: readonly Rendition[];
}

/** Films whose clip is not 320×180 get their own ladder. */
const LADDER_BY_FILM: Readonly<Record<string, readonly Rendition[]>> = {
  'long-road': LONG_FILM_LADDER,
};

/** The recipes for the catalogue's HLS films (data/seed.ts says which films stream). */
export function hlsRecipes(films: readonly { id: string; stream: string }[]): HlsFilmRecipe[] {
  return films
    .filter((film) => film.stream === 'hls')
    .map((film) => ({
      id: film.id,
      source: `${film.id}.webm`,
      ladder: LADDER_BY_FILM[film.id] ?? SHORT_FILM_LADDER,
    }));
}

/** The pre-roll ad: made from ffmpeg's test sources, not from a clip. */
export const AD_ID = 'ad';
export const AD_SECONDS = 10;
export const AD_RENDITION: Rendition = { name: '360p', width: 640, height: 360, videoKbps: 250 };
