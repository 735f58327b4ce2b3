/** Strings of the reaction timeline (heat strip, peaks, replay); spread into messages.ts. */
export const reactionTimelineEn = {
  timelineLabel: 'Where the room reacted',
  timelinePeak: '{emoji} at {time}: {count} reactions. Jump there for everyone',
  timelinePeakOwnerOnly: '{emoji} at {time}: {count} reactions. Only the host can jump there',
  timelineJumped: 'Jumped to {time}',
  replayReactions: 'Replay reactions',
  replayReactionsHint: 'Reactions float again at the moments they were sent',
  replayBadge: 'earlier',
  reactionLimit: 'This room keeps no more reactions: it has reached its limit.',
  replayLater:
    'Watch the film again with the room’s reactions: they float at the moments they were sent, and the strip over the player jumps to the peaks.',
} as const;

export const reactionTimelineRu: Record<keyof typeof reactionTimelineEn, string> = {
  timelineLabel: 'Где комната реагировала',
  timelinePeak: '{emoji} на {time}: реакций — {count}. Перейти туда для всех',
  timelinePeakOwnerOnly: '{emoji} на {time}: реакций — {count}. Перейти может только ведущий',
  timelineJumped: 'Переход на {time}',
  replayReactions: 'Повтор реакций',
  replayReactionsHint: 'Реакции снова всплывают в те моменты фильма, когда их отправили',
  replayBadge: 'раньше',
  reactionLimit: 'Комната больше не сохраняет реакции: достигнут предел.',
  replayLater:
    'Пересмотрите фильм с реакциями комнаты: они всплывают в те моменты, когда их отправили, а полоса над плеером переносит к пикам.',
};
