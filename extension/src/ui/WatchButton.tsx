import type { Ref } from 'preact';
import { t } from '../i18n';

/** The Watch together button placed next to the player. */
export function WatchButton(props: {
  expanded: boolean;
  onClick: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      ref={props.buttonRef}
      type="button"
      class="kv-button kv-primary kv-watch"
      aria-expanded={props.expanded}
      aria-haspopup="dialog"
      onClick={props.onClick}
    >
      <span aria-hidden="true">▶ </span>
      {t('watchTogether')}
    </button>
  );
}
