import { t } from '../i18n';
import type { Toast } from '../room/room-state';

/**
 * What others just did, briefly; read out politely. Never over the player's controls:
 * inside the sidebar, beside the collapsed tab, or at the top of a full-screen film.
 */
export function Toasts({ toasts, at }: { toasts: Toast[]; at: 'sidebar' | 'tab' | 'top' }) {
  return (
    <div class={`kv-toasts kv-toasts-${at}`} role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} class="kv-toast">
          {t(toast.key, toast.params)}
        </div>
      ))}
    </div>
  );
}
