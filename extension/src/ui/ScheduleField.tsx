/**
 * "When" in the start panel: Now, or At a set time (StartTimeInput), with the user's zone
 * named under it.
 */
import { t } from '../i18n';
import { StartTimeInput } from './StartTimeInput';
import { choiceOk, localZone, type ScheduleChoice } from './schedule-choice';

interface Props {
  choice: ScheduleChoice;
  disabled: boolean;
  now: number;
  onChange: (change: Partial<ScheduleChoice>) => void;
}

export function ScheduleField({ choice, disabled, now, onChange }: Props) {
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
          <StartTimeInput
            id="kv-starts-at"
            name="startsAt"
            value={choice.local}
            now={now}
            invalid={invalid}
            describedBy="kv-starts-at-hint"
            onInput={(local) => onChange({ local })}
          />
          <p id="kv-starts-at-hint" class={invalid ? 'kv-notice' : 'kv-muted'}>
            {invalid ? t('whenInvalid') : t('whenHint', { zone: localZone() })}
          </p>
        </div>
      )}
    </fieldset>
  );
}
