/**
 * The start time of a screening, labelled: the browser's datetime-local input (its own keyboard
 * handling and locale) to the second, bounded to the next 30 days. Used when a room is scheduled
 * (ScheduleField) and when its owner moves the start (ScheduleCountdown).
 */
import { t } from '../i18n';
import { inputBounds } from './schedule-choice';

interface Props {
  id: string;
  /** The input's value, `YYYY-MM-DDTHH:MM:SS` in local time. */
  value: string;
  now: number;
  invalid: boolean;
  name?: string;
  describedBy?: string;
  onInput: (value: string) => void;
}

export function StartTimeInput({ id, value, now, invalid, name, describedBy, onInput }: Props) {
  const bounds = inputBounds(now);
  return (
    <>
      <label class="kv-when-label" for={id}>
        {t('whenTime')}
      </label>
      <input
        id={id}
        class="kv-input"
        type="datetime-local"
        name={name}
        step={1}
        min={bounds.min}
        max={bounds.max}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </>
  );
}
