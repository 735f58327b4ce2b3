/** The player's texts, Russian first and English after, as everywhere in the cinema. */
export const LABELS = {
  play: 'Смотреть · Play',
  pause: 'Пауза · Pause',
  seek: 'Перемотка · Seek',
  mute: 'Выключить звук · Mute',
  unmute: 'Включить звук · Unmute',
  volume: 'Громкость · Volume',
  quality: 'Качество · Quality',
  auto: 'Авто · Auto',
  fullscreen: 'Во весь экран · Full screen',
  exitFullscreen: 'Выйти из полноэкранного режима · Exit full screen',
  ad: 'Реклама · Ad',
  skipIn: (s: number) => `Пропустить через ${s} · Skip in ${s}`,
  skip: 'Пропустить рекламу · Skip ad',
  skipIntro: 'Пропустить заставку · Skip intro',
  failed: 'Не удалось загрузить видео. · The video failed to load.',
  retry: 'Повторить · Retry',
} as const;
