/**
 * "Enable on this site" / "Disable on this site" for the tab the popup was opened on, and
 * what happened, in words: the browser's prompt, the overlay appearing without a reload, a
 * refusal, a failure.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { SiteDisableResult, SiteEnableResult } from '../messaging/messages';
import type { TabSite } from './tab-site';

export interface SiteSwitchProps {
  site: TabSite;
  onEnable(): Promise<SiteEnableResult>;
  onDisable(): Promise<SiteDisableResult>;
}

type Phase = 'idle' | 'asking' | 'disabling';

function enabledText(result: SiteEnableResult, host: string): string {
  if (result.ok) {
    return result.overlay === 'elsewhere'
      ? t('siteEnabledLater', { host })
      : t('siteEnabledNow', { host });
  }
  if (result.reason === 'denied') return t('siteDenied', { host });
  if (result.reason === 'timeout') return t('siteNoAnswer', { host });
  return t('siteFailed', { host, error: result.error ?? '' });
}

export function SiteSwitch({ site, onEnable, onDisable }: SiteSwitchProps) {
  const [enabled, setEnabled] = useState(site.state === 'enabled');
  const [phase, setPhase] = useState<Phase>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const host = new URL(site.origin).host;

  function enable() {
    setPhase('asking');
    setMessage(t('siteAsking', { host }));
    // Called within the click (site-actions.ts): no await before it.
    void onEnable().then((result) => {
      setPhase('idle');
      setEnabled(result.ok);
      setMessage(enabledText(result, host));
    });
  }

  async function disable() {
    setPhase('disabling');
    const result = await onDisable();
    setPhase('idle');
    if (result.ok) setEnabled(false);
    setMessage(
      result.ok
        ? t('siteDisabledNow', { host })
        : t('siteDisableFailed', { host, error: result.error }),
    );
  }

  return (
    <section class="site" aria-labelledby="site-host">
      <h2 id="site-host">{host}</h2>
      {enabled ? (
        <>
          {!message && <p class="muted">{t('siteOn', { host })}</p>}
          <button type="button" class="secondary" disabled={phase !== 'idle'} onClick={disable}>
            {t('popupDisableSite')}
          </button>
        </>
      ) : (
        <>
          {!message && (
            <p class={site.invited ? 'site-invited' : 'muted'}>
              {t(site.invited ? 'siteInvited' : 'siteOffer', { host })}
            </p>
          )}
          <button type="button" disabled={phase !== 'idle'} onClick={enable}>
            {t('popupEnableSite')}
          </button>
        </>
      )}
      {message && (
        <p role="status" class="site-status">
          {message}
        </p>
      )}
    </section>
  );
}
