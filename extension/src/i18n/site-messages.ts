/**
 * Texts of "Enable on this site" in the popup (background/site-access.ts), in English and
 * Russian; messages.ts spreads them into its tables.
 */
export const siteEn = {
  siteOffer: 'Watch a video on this site together: Kino Vmeste needs access to {host}.',
  siteOn: 'Kino Vmeste is on for {host}.',
  siteInvited:
    'You are invited to a room on this page. To join it, let Kino Vmeste work on {host}: the room opens right here.',
  inviteBadgeTitle: 'Kino Vmeste: you are invited to a room on {host} — click to join',
  siteAsking: 'Allow access to {host} when your browser asks.',
  siteEnabledNow: 'Enabled on {host}: Watch together is next to the video on this page.',
  siteEnabledLater: 'Enabled on {host}: it starts on the next page you open there.',
  siteDenied: 'Not enabled: the browser did not give access to {host}.',
  siteNoAnswer: 'Not enabled: no answer from the browser about {host}. Try again.',
  siteFailed: 'Could not enable on {host}: {error}',
  siteDisabledNow:
    'Disabled on {host}: gone from its open pages, and it will not start there again.',
  siteDisableFailed: 'Could not disable on {host}: {error}',
} as const;

export const siteRu: Record<keyof typeof siteEn, string> = {
  siteOffer: 'Смотреть видео на этом сайте вместе: «Кино Вместе» нужен доступ к {host}.',
  siteOn: '«Кино Вместе» включено на {host}.',
  siteInvited:
    'Вас пригласили в комнату на этой странице. Чтобы войти, разрешите «Кино Вместе» работать на {host}: комната откроется прямо здесь.',
  inviteBadgeTitle: '«Кино Вместе»: вас пригласили в комнату на {host} — нажмите, чтобы войти',
  siteAsking: 'Разрешите доступ к {host}, когда браузер спросит.',
  siteEnabledNow: 'Включено на {host}: кнопка «Смотреть вместе» — рядом с видео на этой странице.',
  siteEnabledLater: 'Включено на {host}: заработает на следующей открытой там странице.',
  siteDenied: 'Не включено: браузер не дал доступ к {host}.',
  siteNoAnswer: 'Не включено: браузер не ответил про {host}. Попробуйте ещё раз.',
  siteFailed: 'Не удалось включить на {host}: {error}',
  siteDisabledNow: 'Выключено на {host}: убрано с открытых страниц и больше не запустится там.',
  siteDisableFailed: 'Не удалось выключить на {host}: {error}',
};
