import type { Signal } from '@preact/signals';
import type { VideoRect } from '../ui/room-model';

/** Keeps `rect` on the video's viewport box (for reactions floating over it). */
export function trackVideoRect(
  video: HTMLVideoElement,
  rect: Signal<VideoRect | null>,
  signal: AbortSignal,
): void {
  const update = () => {
    const box = video.getBoundingClientRect();
    const next = { top: box.top, left: box.left, width: box.width, height: box.height };
    const prev = rect.value;
    if (!prev || Object.entries(next).some(([k, v]) => prev[k as keyof VideoRect] !== v)) {
      rect.value = next;
    }
  };
  const observer = new ResizeObserver(update);
  observer.observe(video);
  window.addEventListener('scroll', update, { passive: true, capture: true, signal });
  window.addEventListener('resize', update, { passive: true, signal });
  document.addEventListener('fullscreenchange', update, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  update();
}
