/**
 * Server addresses, in dev builds only: a store build is made for one deployment and its
 * users never see them (build-config.ts, `isDevBuild`).
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { normalizeBaseUrl, type Settings } from '../settings/settings';

export interface ServerSettingsProps {
  settings: Settings;
  onSave(settings: Settings): Promise<void>;
}

export function ServerSettings({ settings, onSave }: ServerSettingsProps) {
  const [backendUrl, setBackendUrl] = useState(settings.backendUrl);
  const [cinemaOrigin, setCinemaOrigin] = useState(settings.cinemaOrigin);
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    const backend = normalizeBaseUrl(backendUrl);
    const cinema = normalizeBaseUrl(cinemaOrigin);
    if (!backend || !cinema) return setMessage(t('popupInvalidUrl'));
    await onSave({ ...settings, backendUrl: backend, cinemaOrigin: cinema });
    setMessage(t('popupSaved'));
  }

  return (
    <form onSubmit={save} class="server-settings">
      <h2>{t('popupSettings')}</h2>
      <label>
        {t('popupBackendUrl')}
        <input
          name="backendUrl"
          value={backendUrl}
          onInput={(e) => setBackendUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('popupCinemaOrigin')}
        <input
          name="cinemaOrigin"
          value={cinemaOrigin}
          onInput={(e) => setCinemaOrigin(e.currentTarget.value)}
        />
      </label>
      <button type="submit">{t('popupSave')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
