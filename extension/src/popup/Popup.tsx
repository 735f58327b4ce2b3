import type { SiteSession } from '../adapters/types';
import { getLocale, t } from '../i18n';
import type { CurrentRoom, SiteDisableResult, SiteEnableResult } from '../messaging/messages';
import type { Settings } from '../settings/settings';
import { type RoomScreenKind, SCREEN_TITLE } from '../ui/room-screen';
import { ServerSettings } from './ServerSettings';
import { SiteSwitch } from './SiteSwitch';
import type { TabSite } from './tab-site';

export interface PopupProps {
  session: SiteSession | null;
  room: CurrentRoom | null;
  /** The tab the popup was opened on, when it is a web page other than the cinema. */
  site: TabSite | null;
  settings: Settings;
  /** Server addresses are editable in dev builds only (`isDevBuild`). */
  showServerSettings: boolean;
  /** The backend's privacy policy (`BUILD.privacyUrl`); the popup adds `?lang=`. */
  privacyUrl: string;
  onEnableSite(): Promise<SiteEnableResult>;
  onDisableSite(): Promise<SiteDisableResult>;
  onSaveSettings(settings: Settings): Promise<void>;
}

/** The toolbar popup: who you are, your room, this site on or off, the privacy policy. */
export function Popup(props: PopupProps) {
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
      {props.site && (
        <SiteSwitch
          site={props.site}
          onEnable={props.onEnableSite}
          onDisable={props.onDisableSite}
        />
      )}
      {props.showServerSettings && (
        <ServerSettings settings={props.settings} onSave={props.onSaveSettings} />
      )}
      <footer class="credits">
        <a href={`${props.privacyUrl}?lang=${getLocale()}`} target="_blank" rel="noreferrer">
          {t('privacyPolicy')}
        </a>
        <a href="https://github.com/jdecked/twemoji" target="_blank" rel="noreferrer">
          {t('emojiCredit')}
        </a>
      </footer>
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
