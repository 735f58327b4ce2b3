import { t } from '../i18n';

/** The sidebar's "Replay reactions" switch (on by default for someone who joins late). */
export function ReplaySwitch(props: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <label class="kv-replay" title={t('replayReactionsHint')}>
      <input
        type="checkbox"
        role="switch"
        aria-checked={props.on}
        checked={props.on}
        onChange={(event) => props.onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      <span>{t('replayReactions')}</span>
    </label>
  );
}
