/**
 * Puts a stream into the <video>: an HLS playlist through hls.js (Media Source Extensions),
 * or the browser's own HLS (Safari), or a progressive file as its `src`. The rest of the
 * player sees one small interface with the renditions and a way to pick one.
 */
import Hls from 'hls.js/light';

export type StreamKind = 'hls' | 'progressive';

export interface Rendition {
  index: number;
  height: number;
  label: string;
}

export interface StreamEvents {
  /** The list of renditions is known (HLS only). */
  onRenditions(renditions: Rendition[]): void;
  /** The rendition now playing changed (by ABR or by a pick). */
  onRenditionSwitched(index: number): void;
  /** The stream cannot play (the player offers a retry). */
  onFatal(message: string): void;
}

export interface Stream {
  /** -1 while the player picks by bandwidth (Auto). */
  readonly pickedIndex: number;
  pick(index: number): void;
  destroy(): void;
}

const NO_RENDITIONS: Stream = { pickedIndex: -1, pick() {}, destroy() {} };

function progressive(video: HTMLVideoElement, src: string): Stream {
  video.src = src;
  return {
    ...NO_RENDITIONS,
    destroy() {
      video.removeAttribute('src');
      video.load();
    },
  };
}

function withHlsJs(video: HTMLVideoElement, src: string, events: StreamEvents): Stream {
  // Cap Auto at the player's size: a 720p rendition in a 640-pixel box is wasted bandwidth.
  // Buffer 30 s ahead, as a cinema does to spare its CDN. maxBufferLength alone is only a
  // floor: hls.js fills up to maxBufferSize (60 MB) or maxMaxBufferLength (600 s), so at
  // the demo films' low bitrates it would fetch whole films and no seek would ever land where
  // nothing is buffered — what bench:sync's HLS runs measure.
  const hls = new Hls({ capLevelToPlayerSize: true, maxBufferLength: 30, maxMaxBufferLength: 30 });
  let mediaRecoveries = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
    events.onRenditions(
      data.levels.map((level, index) => ({
        index,
        height: level.height,
        label: `${level.height}p`,
      })),
    );
  });
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => events.onRenditionSwitched(data.level));
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    // hls.js's own recipe: a media error is worth one recovery, anything else is final.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < 1) {
      mediaRecoveries += 1;
      hls.recoverMediaError();
      return;
    }
    events.onFatal(`${data.type}: ${data.details}`);
  });
  hls.loadSource(src);
  hls.attachMedia(video);
  return {
    get pickedIndex() {
      return hls.autoLevelEnabled ? -1 : hls.currentLevel;
    },
    pick(index) {
      // currentLevel switches now (flushing what is buffered), as a viewer expects.
      hls.currentLevel = index;
    },
    destroy() {
      hls.destroy();
    },
  };
}

export function attachStream(
  video: HTMLVideoElement,
  src: string,
  kind: StreamKind,
  events: StreamEvents,
): Stream {
  if (kind === 'progressive') return progressive(video, src);
  if (Hls.isSupported()) return withHlsJs(video, src, events);
  if (video.canPlayType('application/vnd.apple.mpegurl')) return progressive(video, src);
  events.onFatal('This browser cannot play HLS');
  return NO_RENDITIONS;
}
