import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Toast } from '../room/room-state';
import { Toasts } from './Toasts';

/** How long the hint about "full screen with chat" stays on entering the player's full screen. */
export const FULLSCREEN_HINT_MS = 6000;

/**
 * Over the page's own full screen (the player's full-screen button): toasts at the top,
 * clear of the player's controls at the bottom, and at first a hint where the chat went.
 * Only painted: the browser makes everything outside its full-screen element inert, so
 * a button here could not be pressed; the sidebar's own button leads to full screen
 * with chat instead.
 */
export function OverFullscreen({ toasts }: { toasts: Toast[] }) {
  const [hint, setHint] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setHint(false), FULLSCREEN_HINT_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class="kv-over-fullscreen">
      {hint && <p class="kv-fullscreen-hint">{t('fullscreenChatHint')}</p>}
      <Toasts toasts={toasts} at="top" />
    </div>
  );
}
