import { useState } from 'preact/hooks';
import type { SiteSession } from '../adapters/types';
import { t } from '../i18n';
import type { CurrentRoom } from '../messaging/messages';
import { normalizeBaseUrl, type Settings } from '../settings/settings';
import { type RoomScreenKind, SCREEN_TITLE } from '../ui/room-screen';

export interface PopupProps {
  session: SiteSession | null;
  room: CurrentRoom | null;
  /** Origin of the active tab when it is an http(s) page. */
  siteOrigin: string | null;
  siteEnabled: boolean;
  settings: Settings;
  onEnableSite(): Promise<boolean>;
  onSaveSettings(settings: Settings): Promise<void>;
}

/** The toolbar popup: who you are, your room, "enable on this site", settings. */
export function Popup(props: PopupProps) {
  const [enabled, setEnabled] = useState(props.siteEnabled);
  const [backendUrl, setBackendUrl] = useState(props.settings.backendUrl);
  const [cinemaOrigin, setCinemaOrigin] = useState(props.settings.cinemaOrigin);
  const [message, setMessage] = useState<string | null>(null);

  async function save(event: Event) {
    event.preventDefault();
    const backend = normalizeBaseUrl(backendUrl);
    const cinema = normalizeBaseUrl(cinemaOrigin);
    if (!backend || !cinema) return setMessage(t('popupInvalidUrl'));
    await props.onSaveSettings({ ...props.settings, backendUrl: backend, cinemaOrigin: cinema });
    setMessage(t('popupSaved'));
  }

  return (
    <main class="popup">
      <h1>{t('productName')}</h1>
      <p class="who">
        {props.session
          ? t('popupSignedInAs', { name: props.session.user.name })
          : t('popupNotSignedIn')}
      </p>
      <section aria-label={t('sidebarTitle')}>
        {props.room ? <RoomSummary room={props.room} /> : <p class="muted">{t('popupNoRoom')}</p>}
      </section>
      {props.siteOrigin && (
        <button
          type="button"
          disabled={enabled}
          onClick={async () => setEnabled(await props.onEnableSite())}
        >
          {enabled ? t('popupSiteEnabled') : t('popupEnableSite')}
        </button>
      )}
      <form onSubmit={save}>
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
      <p class="credits">
        <a href="https://github.com/jdecked/twemoji" target="_blank" rel="noreferrer">
          {t('emojiCredit')}
        </a>
      </p>
    </main>
  );
}

/** The tab's room as its sidebar shows it: live with its people, or the state it is in. */
function RoomSummary({ room }: { room: CurrentRoom }) {
  const screen = room.screen as RoomScreenKind;
  const named = room.filmTitle ? t('popupRoom', { film: room.filmTitle }) : t('popupRoomUntitled');
  if (screen === 'live') {
    return (
      <>
        <h2>{named}</h2>
        <ul class="people">
          {room.people.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </>
    );
  }
  const title = SCREEN_TITLE[screen] ? t(SCREEN_TITLE[screen]) : t('failedTitle');
  if (screen === 'connecting' || screen === 'unreachable') {
    return (
      <>
        <h2>{named}</h2>
        <p class="muted" role="status">
          {screen === 'connecting' ? t('popupConnecting') : title}
        </p>
      </>
    );
  }
  return (
    <>
      <h2>{title}</h2>
      {room.filmTitle && <p class="muted">{t('summaryFilm', { film: room.filmTitle })}</p>}
    </>
  );
}
