import { t } from '../i18n';
import type { Toast } from '../room/room-state';

export function Toasts({ toasts }: { toasts: Toast[] }) {
  return (
    <div class="kv-toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} class="kv-toast">
          {t(toast.key, toast.params)}
        </div>
      ))}
    </div>
  );
}
