/**
 * The cinema's own controls over its <video>: play/pause (button, big button, a click on the
 * picture), the seek bar with what is buffered, time, mute and volume, full screen of the
 * whole player (not the bare video, so the controls and the ad overlay stay), keyboard keys
 * while focus is in the player, and controls that fade out while a film plays untouched.
 */
import { LABELS } from './labels.ts';
import type { PlayerParts } from './parts.ts';
import { formatClock, fraction } from './time-format.ts';

/** Seconds the arrow keys jump. */
export const KEY_SEEK_SECONDS = 5;
const IDLE_MS = 3000;

export interface ControlsOptions {
  /** True while the ad plays: no seeking, no jumping. */
  inAd(): boolean;
}

export function togglePlay(video: HTMLVideoElement): void {
  if (video.paused || video.ended) void video.play().catch(() => {});
  else video.pause();
}

function wirePlayback({ container, video, play, bigPlay }: PlayerParts): void {
  const render = () => {
    const playing = !video.paused && !video.ended;
    container.classList.toggle('is-playing', playing);
    play.setAttribute('aria-label', playing ? LABELS.pause : LABELS.play);
    play.title = playing ? LABELS.pause : LABELS.play;
  };
  for (const type of ['play', 'pause', 'ended', 'emptied']) video.addEventListener(type, render);
  play.addEventListener('click', () => togglePlay(video));
  bigPlay.addEventListener('click', () => togglePlay(video));
  video.addEventListener('click', () => togglePlay(video));
  const busy = () => container.classList.add('is-buffering');
  const ready = () => container.classList.remove('is-buffering');
  video.addEventListener('waiting', busy);
  for (const type of ['playing', 'canplay', 'seeked', 'pause', 'emptied']) {
    video.addEventListener(type, ready);
  }
  render();
}

function wireSeekBar({ video, seek, current, duration }: PlayerParts, options: ControlsOptions) {
  let dragging = false;
  const paint = (time: number) => {
    const total = video.duration;
    let buffered = 0;
    for (let i = 0; i < video.buffered.length; i += 1) {
      if (video.buffered.start(i) <= time + 0.5)
        buffered = Math.max(buffered, video.buffered.end(i));
    }
    seek.style.setProperty('--played', String(fraction(time, total)));
    seek.style.setProperty('--buffered', String(fraction(buffered, total)));
    current.textContent = formatClock(time);
  };
  const render = () => {
    const total = Number.isFinite(video.duration) ? video.duration : 0;
    seek.max = String(total);
    duration.textContent = formatClock(total);
    seek.disabled = total === 0 || options.inAd();
    if (!dragging) {
      seek.value = String(video.currentTime);
      paint(video.currentTime);
    }
  };
  for (const type of [
    'timeupdate',
    'durationchange',
    'loadedmetadata',
    'progress',
    'seeking',
    'emptied',
  ]) {
    video.addEventListener(type, render);
  }
  // While dragging only the display follows; the video seeks once, where the thumb is let go.
  seek.addEventListener('input', () => {
    dragging = true;
    paint(Number(seek.value));
  });
  seek.addEventListener('change', () => {
    dragging = false;
    if (!options.inAd()) video.currentTime = Number(seek.value);
  });
  seek.setAttribute('aria-label', LABELS.seek);
  return render;
}

function wireVolume({ video, mute, volume }: PlayerParts): void {
  const render = () => {
    const silent = video.muted || video.volume === 0;
    mute.classList.toggle('is-muted', silent);
    mute.setAttribute('aria-label', silent ? LABELS.unmute : LABELS.mute);
    mute.title = silent ? LABELS.unmute : LABELS.mute;
    volume.value = String(video.muted ? 0 : video.volume);
  };
  video.addEventListener('volumechange', render);
  mute.addEventListener('click', () => {
    video.muted = !video.muted;
    if (!video.muted && video.volume === 0) video.volume = 0.5;
  });
  volume.addEventListener('input', () => {
    video.volume = Number(volume.value);
    video.muted = video.volume === 0;
  });
  render();
}

export function toggleFullscreen(container: HTMLElement): void {
  if (document.fullscreenElement === container) void document.exitFullscreen();
  else void container.requestFullscreen().catch(() => {});
}

function wireFullscreen({ container, fullscreen }: PlayerParts): void {
  const render = () => {
    const on = document.fullscreenElement === container;
    container.classList.toggle('is-fullscreen', on);
    fullscreen.setAttribute('aria-label', on ? LABELS.exitFullscreen : LABELS.fullscreen);
    fullscreen.title = on ? LABELS.exitFullscreen : LABELS.fullscreen;
  };
  document.addEventListener('fullscreenchange', render);
  fullscreen.addEventListener('click', () => toggleFullscreen(container));
  render();
}

function wireKeys(parts: PlayerParts, options: ControlsOptions): void {
  const { container, video } = parts;
  container.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    // Sliders and the quality menu keep their own keys.
    if (target.matches('input, [role="menu"] *')) return;
    const jump = (by: number) => {
      if (options.inAd()) return;
      video.currentTime = Math.max(0, Math.min(video.duration || 0, video.currentTime + by));
    };
    const actions: Record<string, () => void> = {
      ' ': () => togglePlay(video),
      k: () => togglePlay(video),
      ArrowLeft: () => jump(-KEY_SEEK_SECONDS),
      ArrowRight: () => jump(KEY_SEEK_SECONDS),
      f: () => toggleFullscreen(container),
      m: () => {
        video.muted = !video.muted;
      },
    };
    const action = actions[event.key];
    if (!action || (event.key === ' ' && target.matches('button'))) return;
    event.preventDefault();
    action();
  });
}

/** Controls fade out after IDLE_MS without the pointer or keys while playing. */
function wireIdle({ container, video, qualityMenu }: PlayerParts): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    container.classList.remove('is-idle');
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!video.paused && qualityMenu.hidden) container.classList.add('is-idle');
    }, IDLE_MS);
  };
  for (const type of ['pointermove', 'pointerdown', 'keydown', 'focusin']) {
    container.addEventListener(type, wake);
  }
  video.addEventListener('pause', wake);
  video.addEventListener('play', wake);
}

/** Wires every control; returns a re-render for the seek bar (the phase changes it). */
export function wireControls(parts: PlayerParts, options: ControlsOptions): () => void {
  wirePlayback(parts);
  const renderSeek = wireSeekBar(parts, options);
  wireVolume(parts);
  wireFullscreen(parts);
  wireKeys(parts, options);
  wireIdle(parts);
  return renderSeek;
}
