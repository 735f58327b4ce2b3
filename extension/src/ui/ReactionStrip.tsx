import type { Histogram, Peak } from '@kino/shared/reactions';
import { formatFilmTime, t } from '../i18n';
import { ReactionImage } from './reactions/ReactionImage';
import type { VideoRect } from './room-model';

/**
 * The heat strip along the player's progress bar: one cell per bin, warmer where the room
 * reacted more, and over each peak its dominant emoji, a button that jumps the room there
 * (only for who may control playback; the others see why not). Only the markers take clicks:
 * the strip never stands between the user and the page.
 */
export function ReactionStrip(props: {
  histogram: Histogram;
  peaks: Peak[];
  box: VideoRect;
  canControl: boolean;
  onJump: (position: number) => void;
}) {
  const { histogram, box } = props;
  if (histogram.total === 0) return null;
  const highest = Math.max(1, ...histogram.bins.map((b) => b.count));
  const n = histogram.bins.length;
  return (
    <section
      class="kv-strip"
      aria-label={t('timelineLabel')}
      data-total={histogram.total}
      style={{ top: box.top, left: box.left, width: box.width, height: box.height }}
    >
      <div class="kv-strip-bins" aria-hidden="true">
        {histogram.bins.map((bin, i) => (
          <span key={i} class="kv-strip-bin" style={{ '--kv-heat': heat(bin.count, highest) }} />
        ))}
      </div>
      {props.peaks.map((peak) => {
        const params = {
          emoji: peak.emoji,
          time: formatFilmTime(peak.position),
          count: peak.count,
        };
        const label = props.canControl
          ? t('timelinePeak', params)
          : t('timelinePeakOwnerOnly', params);
        return (
          <button
            key={peak.bin}
            type="button"
            class="kv-strip-peak"
            data-position={peak.position}
            data-emoji={peak.emoji}
            style={{ left: `${((peak.bin + 0.5) / n) * 100}%` }}
            aria-label={label}
            title={label}
            aria-disabled={!props.canControl}
            onClick={() => {
              if (props.canControl) props.onJump(peak.position);
            }}
          >
            <ReactionImage emoji={peak.emoji} size={22} />
            <span class="kv-strip-count">{peak.count}</span>
          </button>
        );
      })}
    </section>
  );
}

/** 0 for an empty bin, else 0.2 (one reaction somewhere) up to 1 (the busiest bin). */
function heat(count: number, highest: number): number {
  return count === 0 ? 0 : Math.round((0.2 + (0.8 * count) / highest) * 100) / 100;
}
