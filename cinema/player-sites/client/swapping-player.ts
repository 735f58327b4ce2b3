/**
 * An in-house player of the kind some cinemas write themselves: every source gets a NEW
 * <video> element. The pre-roll ad plays in one; when it ends that element is removed and
 * the film gets another; a quality change removes the film's element and puts a fresh one
 * at the same moment. The container counts the elements in `data-generation` and says
 * `data-phase="ad" | "film"`.
 */
import Hls from 'hls.js/light';

interface MountOptions {
  ad?: boolean;
  startAt?: number;
  level?: number;
  autoplay?: boolean;
}

const root = document.querySelector<HTMLElement>('.swap-player');
if (root) startSwappingPlayer(root);

function startSwappingPlayer(container: HTMLElement): void {
  const stage = container.querySelector<HTMLElement>('.swap-stage')!;
  const quality = container.querySelector<HTMLSelectElement>('.swap-quality')!;
  const filmSrc = container.dataset.src!;
  const adSrc = container.dataset.adSrc ?? '';
  let hls: Hls | null = null;
  let generation = 0;

  const mount = (src: string, options: MountOptions = {}): HTMLVideoElement => {
    hls?.destroy();
    const video = document.createElement('video');
    video.controls = true;
    video.playsInline = true;
    video.className = options.ad ? 'swap-video swap-video-ad' : 'swap-video';
    stage.replaceChildren(video);
    generation += 1;
    container.dataset.generation = String(generation);
    container.dataset.phase = options.ad ? 'ad' : 'film';
    quality.disabled = Boolean(options.ad);
    const level = options.level ?? -1;
    hls = new Hls({ startPosition: options.startAt ?? -1, startLevel: level });
    const current = hls;
    current.on(Hls.Events.MANIFEST_PARSED, (_event, data) => {
      if (level >= 0) current.currentLevel = level;
      if (!options.ad && quality.options.length <= 1) {
        data.levels
          .map((l, index) => ({ index, height: l.height }))
          .sort((a, b) => b.height - a.height)
          .forEach(({ index, height }) => {
            quality.add(new Option(`${height}p`, String(index)));
          });
      }
    });
    current.loadSource(src);
    current.attachMedia(video);
    if (options.autoplay) void video.play().catch(() => {});
    return video;
  };

  const startFilm = () => mount(filmSrc, { autoplay: true });

  quality.addEventListener('change', () => {
    const old = stage.querySelector('video');
    mount(filmSrc, {
      startAt: old?.currentTime ?? 0,
      level: Number(quality.value),
      autoplay: old ? !old.paused : false,
    });
  });

  if (adSrc) {
    const ad = mount(adSrc, { ad: true });
    ad.addEventListener('ended', startFilm, { once: true });
  } else {
    mount(filmSrc);
  }
}
