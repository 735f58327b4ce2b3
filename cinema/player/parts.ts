/**
 * The elements of one cinema player, as the server renders them (pages/cinema-player.ts).
 * Found once; a missing one is a page bug, so it throws.
 */
export interface PlayerParts {
  container: HTMLElement;
  video: HTMLVideoElement;
  bigPlay: HTMLButtonElement;
  play: HTMLButtonElement;
  seek: HTMLInputElement;
  current: HTMLElement;
  duration: HTMLElement;
  mute: HTMLButtonElement;
  volume: HTMLInputElement;
  quality: HTMLElement;
  qualityButton: HTMLButtonElement;
  qualityMenu: HTMLElement;
  fullscreen: HTMLButtonElement;
  ad: HTMLElement;
  adCountdown: HTMLElement;
  adSkip: HTMLButtonElement;
  skipIntro: HTMLButtonElement;
  error: HTMLElement;
  errorRetry: HTMLButtonElement;
}

export function findParts(container: HTMLElement): PlayerParts {
  const one = <T extends Element>(selector: string): T => {
    const el = container.querySelector<T>(selector);
    if (!el) throw new Error(`cinema player: ${selector} is missing`);
    return el;
  };
  return {
    container,
    video: one('video'),
    bigPlay: one('.player-big-play'),
    play: one('.player-play'),
    seek: one('.player-seek'),
    current: one('.player-current'),
    duration: one('.player-duration'),
    mute: one('.player-mute'),
    volume: one('.player-volume'),
    quality: one('.player-quality'),
    qualityButton: one('.player-quality-button'),
    qualityMenu: one('.player-quality-menu'),
    fullscreen: one('.player-fullscreen'),
    ad: one('.player-ad'),
    adCountdown: one('.player-ad-countdown'),
    adSkip: one('.player-ad-skip'),
    skipIntro: one('.player-skip-intro'),
    error: one('.player-error'),
    errorRetry: one('.player-error-retry'),
  };
}
