import { t } from '../i18n';
import type { Toast } from '../room/room-state';
import { Icon } from './Icons';
import { Toasts } from './Toasts';

/**
 * Over the page's own full screen (the player's full-screen button): the toasts at the
 * top, clear of the player's controls at the bottom, and a button that switches to
 * full screen with chat. The film is never taken out of full screen by us.
 */
export function OverFullscreen({
  toasts,
  onShowChat,
}: {
  toasts: Toast[];
  onShowChat: () => void;
}) {
  return (
    <div class="kv-over-fullscreen">
      <Toasts toasts={toasts} at="top" />
      <button type="button" class="kv-button kv-show-chat" onClick={onShowChat}>
        <Icon name="chat" /> {t('showChat')}
      </button>
    </div>
  );
}
