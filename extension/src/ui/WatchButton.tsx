import { t } from '../i18n';

/** The Watch together button placed next to the player. */
export function WatchButton({ expanded, onClick }: { expanded: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      class="kv-button kv-primary kv-watch"
      aria-expanded={expanded}
      aria-haspopup="dialog"
      onClick={onClick}
    >
      <span aria-hidden="true">▶ </span>
      {t('watchTogether')}
    </button>
  );
}
