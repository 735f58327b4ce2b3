/**
 * Texts about a member's player following the room or not (an ad, no video found), in
 * English and Russian; messages.ts spreads them into its tables.
 */
export const playerEn = {
  playerAd: 'in an ad',
  playerNone: 'no player',
  playerAdNote:
    'An ad is playing here. Until it ends you are not in sync with the room; then the film jumps to the room’s moment.',
  playerNoneNote:
    'No video found on this page: you are not in sync with the room. Start the film on the page, or reload it.',
  switchVideo: 'Follow another video on this page ({count} found)',
} as const;

export const playerRu: Record<keyof typeof playerEn, string> = {
  playerAd: 'смотрит рекламу',
  playerNone: 'нет плеера',
  playerAdNote:
    'Здесь идёт реклама. Пока она не кончится, вы не синхронны с комнатой; потом фильм перейдёт к её моменту.',
  playerNoneNote:
    'На странице не найдено видео: вы не синхронны с комнатой. Запустите фильм на странице или обновите её.',
  switchVideo: 'Синхронизировать другое видео на странице (найдено: {count})',
};
