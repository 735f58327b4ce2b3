/**
 * "When" in the start panel: Now, or At a set time with the browser's datetime-local input
 * (its own keyboard handling and locale), bounded to the next 30 days, with the user's zone
 * named under it.
 */
import { t } from '../i18n';
import { choiceOk, inputBounds, localZone, type ScheduleChoice } from './schedule-choice';

interface Props {
  choice: ScheduleChoice;
  disabled: boolean;
  now: number;
  onChange: (change: Partial<ScheduleChoice>) => void;
}

export function ScheduleField({ choice, disabled, now, onChange }: Props) {
  const bounds = inputBounds(now);
  const invalid = choice.later && choice.local !== '' && !choiceOk(choice, now);
  return (
    <fieldset class="kv-when" disabled={disabled}>
      <legend>{t('whenLegend')}</legend>
      <label class="kv-match">
        <input
          type="radio"
          name="kv-when"
          value="now"
          checked={!choice.later}
          onChange={() => onChange({ later: false })}
        />
        <span>{t('whenNow')}</span>
      </label>
      <label class="kv-match">
        <input
          type="radio"
          name="kv-when"
          value="later"
          checked={choice.later}
          onChange={() => onChange({ later: true })}
        />
        <span>{t('whenLater')}</span>
      </label>
      {choice.later && (
        <div class="kv-when-time">
          <label class="kv-when-label" for="kv-starts-at">
            {t('whenTime')}
          </label>
          <input
            id="kv-starts-at"
            class="kv-input"
            type="datetime-local"
            name="startsAt"
            step={1}
            min={bounds.min}
            max={bounds.max}
            value={choice.local}
            aria-invalid={invalid}
            aria-describedby="kv-starts-at-hint"
            onInput={(event) => onChange({ local: event.currentTarget.value })}
          />
          <p id="kv-starts-at-hint" class={invalid ? 'kv-notice' : 'kv-muted'}>
            {invalid ? t('whenInvalid') : t('whenHint', { zone: localZone() })}
          </p>
        </div>
      )}
    </fieldset>
  );
}
