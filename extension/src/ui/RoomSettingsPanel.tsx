import type { RoomSettings } from '@kino/shared/types';
import { t } from '../i18n';

interface Props {
  settings: RoomSettings;
  isOwner: boolean;
  disabled: boolean;
  onChange: (change: Partial<RoomSettings>) => void;
}

/**
 * The owner's two room policies (who controls playback, whether buffering pauses the
 * room). Other members only learn when control is limited to the host.
 */
export function RoomSettingsPanel({ settings, isOwner, disabled, onChange }: Props) {
  if (!isOwner) {
    return settings.controlMode === 'owner' ? (
      <p class="kv-note">{t('ownerControlsNote')}</p>
    ) : null;
  }
  return (
    <fieldset class="kv-settings" disabled={disabled}>
      <legend>{t('settingsTitle')}</legend>
      <label>
        <input
          type="checkbox"
          checked={settings.controlMode === 'owner'}
          onChange={(event) =>
            onChange({ controlMode: event.currentTarget.checked ? 'owner' : 'everyone' })
          }
        />{' '}
        {t('ownerOnlyControl')}
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings.bufferPolicy === 'wait'}
          onChange={(event) =>
            onChange({ bufferPolicy: event.currentTarget.checked ? 'wait' : 'continue' })
          }
        />{' '}
        {t('waitForBuffering')}
      </label>
    </fieldset>
  );
}
