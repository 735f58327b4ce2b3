/**
 * The ffmpeg command lines that make the HLS streams, as pure functions of the recipe, so
 * tests can read them without running ffmpeg. One ffmpeg run per stream: the source is
 * decoded once and split into every rendition of the ladder, each with its audio muxed in.
 */
import {
  AD_RENDITION,
  AD_SECONDS,
  AUDIO_KBPS,
  FPS,
  type HlsFilmRecipe,
  KEYFRAME_SECONDS,
  type Rendition,
  SEGMENT_SECONDS,
} from './recipe.ts';

/** Fonts for the burnt-in labels; without them the pictures carry no text of ours. */
export interface Fonts {
  sans: string;
  mono: string;
}

export const MASTER_PLAYLIST = 'master.m3u8';
export const MEDIA_PLAYLIST = 'index.m3u8';

/** drawtext's own escaping for a value inside '…' in a filter graph. */
function filterText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/:/g, '\\:');
}

function drawText(font: string, text: string, placement: string): string {
  return `drawtext=fontfile=${font}:text='${text}':${placement}`;
}

/** The rendition's name in the top-right corner, so a quality switch can be seen. */
function renditionLabel(r: Rendition, fonts: Fonts | null): string {
  if (!fonts) return '';
  const size = Math.max(10, Math.round(r.height / 14));
  return `,${drawText(fonts.sans, filterText(r.name), `x=w-tw-6:y=6:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=3`)}`;
}

function encoderArgs(ladder: readonly Rendition[]): string[] {
  const args = [
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(FPS),
    '-g',
    String(FPS * KEYFRAME_SECONDS),
    '-keyint_min',
    String(FPS * KEYFRAME_SECONDS),
    '-sc_threshold',
    '0',
  ];
  ladder.forEach((r, i) => {
    args.push(`-b:v:${i}`, `${r.videoKbps}k`);
    args.push(`-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.2)}k`);
    args.push(`-bufsize:v:${i}`, `${r.videoKbps * 2}k`);
  });
  // The "fast" AAC coder is a quarter of the default's CPU time, and these are sine tones.
  args.push(
    '-c:a',
    'aac',
    '-aac_coder',
    'fast',
    '-b:a',
    `${AUDIO_KBPS}k`,
    '-ac',
    '1',
    '-ar',
    '48000',
  );
  return args;
}

function hlsOutputArgs(ladder: readonly Rendition[], outDir: string): string[] {
  const streams = ladder.map((r, i) => `v:${i},a:${i},name:${r.name}`).join(' ');
  return [
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_segment_type',
    'fmp4',
    '-hls_segment_filename',
    `${outDir}/%v/seg%03d.m4s`,
    '-master_pl_name',
    MASTER_PLAYLIST,
    '-var_stream_map',
    streams,
    `${outDir}/%v/${MEDIA_PLAYLIST}`,
  ];
}

/** Splits one decoded picture into the ladder's sizes, each labelled. */
function ladderFilter(input: string, ladder: readonly Rendition[], fonts: Fonts | null): string {
  const splits = ladder.map((_, i) => `[s${i}]`).join('');
  const scaled = ladder.map(
    (r, i) =>
      `[s${i}]scale=${r.width}:${r.height}:flags=bilinear${renditionLabel(r, fonts)}[v${i}]`,
  );
  return [`${input}split=${ladder.length}${splits}`, ...scaled].join(';');
}

function mapArgs(ladder: readonly Rendition[], audio: string): string[] {
  return [
    ...ladder.flatMap((_, i) => ['-map', `[v${i}]`]),
    ...ladder.flatMap(() => ['-map', audio]),
  ];
}

const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];

/** A film's stream from its committed clip: master playlist + one folder per rendition. */
export function filmArgs(
  recipe: HlsFilmRecipe,
  sourcePath: string,
  outDir: string,
  fonts: Fonts | null,
): string[] {
  return [
    ...QUIET,
    '-i',
    sourcePath,
    '-filter_complex',
    ladderFilter('[0:v]', recipe.ladder, fonts),
    ...mapArgs(recipe.ladder, '0:a'),
    ...encoderArgs(recipe.ladder),
    ...hlsOutputArgs(recipe.ladder, outDir),
  ];
}

/**
 * The pre-roll ad: AD_SECONDS of a plain card saying "РЕКЛАМА · AD" with its own timecode
 * (the player shows the seconds left), and a higher tone than the films', so it is never mistaken for one.
 */
export function adArgs(outDir: string, fonts: Fonts | null): string[] {
  const { width, height } = AD_RENDITION;
  let card = `color=c=0x7a1f5c:s=${width}x${height}:r=${FPS}:d=${AD_SECONDS}`;
  if (fonts) {
    const center = (y: string, size: number, color = 'white') =>
      `x=(w-tw)/2:y=${y}:fontsize=${size}:fontcolor=${color}`;
    card += `,${drawText(fonts.sans, filterText('РЕКЛАМА · AD'), center('h*0.22', Math.round(height / 7)))}`;
    card += `,${drawText(fonts.sans, filterText('Кинозал Плюс: 30 дней бесплатно'), center('h*0.48', Math.round(height / 18)))}`;
    card += `,${drawText(fonts.sans, filterText('Kinozal Plus: 30 days free'), center('h*0.58', Math.round(height / 20), 'white@0.8'))}`;
    card += `,${drawText(fonts.mono, '%{pts\\:hms}', center('h-th-10', Math.round(height / 16), 'yellow'))}`;
  }
  const ladder = [AD_RENDITION];
  return [
    ...QUIET,
    '-f',
    'lavfi',
    '-i',
    card,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=880:duration=${AD_SECONDS}`,
    '-filter_complex',
    ladderFilter('[0:v]', ladder, null),
    ...mapArgs(ladder, '1:a'),
    ...encoderArgs(ladder),
    ...hlsOutputArgs(ladder, outDir),
  ];
}
