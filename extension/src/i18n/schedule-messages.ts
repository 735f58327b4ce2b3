/**
 * The strings of scheduled screenings (start panel, countdown, reschedule, cancel), spread
 * into messages.ts's tables: the same rules hold (same keys, same placeholders).
 */
export const scheduleEn = {
  whenLegend: 'When',
  whenNow: 'Now',
  whenLater: 'At a set time',
  whenTime: 'Start time',
  whenHint: 'Your time zone: {zone}. Up to 30 days ahead.',
  whenInvalid: 'Pick a time in the future, at most 30 days ahead.',
  schedule: 'Schedule',
  scheduling: 'Scheduling…',
  countdownTitle: 'The film starts in',
  countdownDays: '{n} d {clock}',
  countdownAt: 'Starts {when}. Everyone starts together.',
  countdownHere: '{n} here already',
  startNow: 'Start now for everyone',
  reschedule: 'Change the time',
  rescheduleSave: 'Save the new time',
  rescheduleDone: 'New time saved; invitees get an update for their calendars.',
  cancelScreening: 'Cancel the screening',
  cancelScreeningConfirm:
    'Cancel for everyone? The room closes and invitees get a calendar cancellation.',
  cancelScreeningYes: 'Cancel the screening',
  keepScreening: 'Keep it',
  scheduleFailed: 'Could not change the screening: {message}',
  errorStartTime: 'That start time cannot be used: pick one in the future, at most 30 days ahead.',
} as const;

export const scheduleRu: Record<keyof typeof scheduleEn, string> = {
  whenLegend: 'Когда',
  whenNow: 'Сейчас',
  whenLater: 'В назначенное время',
  whenTime: 'Время начала',
  whenHint: 'Ваш часовой пояс: {zone}. Не дальше чем на 30 дней.',
  whenInvalid: 'Выберите время в будущем, не дальше чем через 30 дней.',
  schedule: 'Назначить',
  scheduling: 'Назначаем…',
  countdownTitle: 'Фильм начнётся через',
  countdownDays: '{n} д {clock}',
  countdownAt: 'Начало {when}. Все начнут одновременно.',
  countdownHere: 'Уже здесь: {n}',
  startNow: 'Начать сейчас для всех',
  reschedule: 'Изменить время',
  rescheduleSave: 'Сохранить новое время',
  rescheduleDone: 'Новое время сохранено; приглашённым придёт обновление для календаря.',
  cancelScreening: 'Отменить показ',
  cancelScreeningConfirm:
    'Отменить для всех? Комната закроется, приглашённым придёт отмена для календаря.',
  cancelScreeningYes: 'Отменить показ',
  keepScreening: 'Не отменять',
  scheduleFailed: 'Не удалось изменить показ: {message}',
  errorStartTime: 'Это время не подходит: выберите время в будущем, не дальше чем через 30 дней.',
};
