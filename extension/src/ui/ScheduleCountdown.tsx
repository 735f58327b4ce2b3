/**
 * A scheduled room before its start: the countdown, when it starts (local time), how many
 * are here already, and for the owner: start now, change the time, cancel the screening.
 * It reads the start from the room's playback anchor (pendingStart), so it disappears at the
 * same moment every member's film starts.
 */
import { clockText, countdown, pendingStart } from '@kino/shared/schedule';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getLocale, t } from '../i18n';
import type { RoomView } from '../room/room-state';
import type { SidebarActions } from './room-model';
import { StartTimeInput } from './StartTimeInput';
import { choiceOk, localInputToMs, localInputValue } from './schedule-choice';

interface Props {
  view: RoomView;
  actions: SidebarActions;
  /** Re-render period (ms); tests pass their own clock through actions.serverNow. */
  tickMs?: number;
}

export function ScheduleCountdown({ view, actions, tickMs = 250 }: Props) {
  const [now, setNow] = useState(() => actions.serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(actions.serverNow()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  const startsAt = pendingStart(view.playback, now);
  if (startsAt === null) return null;
  const left = countdown(startsAt, now);
  const clock = clockText(left);
  const here = new Set(view.participants.map((p) => p.userId)).size;
  const when = new Intl.DateTimeFormat(getLocale() === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(startsAt);
  return (
    <section class="kv-countdown" aria-label={t('countdownTitle')}>
      <h3 class="kv-heading">{t('countdownTitle')}</h3>
      <p class="kv-countdown-clock" role="timer" aria-live="off">
        {left.days > 0 ? t('countdownDays', { n: left.days, clock }) : clock}
      </p>
      <p class="kv-muted">
        {t('countdownAt', { when })}{' '}
        <b class="kv-countdown-here">{t('countdownHere', { n: here })}</b>
      </p>
      {view.you?.isOwner && <OwnerControls startsAt={startsAt} actions={actions} />}
    </section>
  );
}

type Mode = 'idle' | 'moving' | 'cancelling';

function OwnerControls({ startsAt, actions }: { startsAt: number; actions: SidebarActions }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [local, setLocal] = useState(() => localInputValue(startsAt));
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode === 'cancelling') keep.current?.focus();
  }, [mode]);

  async function run(action: () => Promise<string | null>, done: string | null) {
    setBusy(true);
    const error = await action();
    setBusy(false);
    setMessage(error ? { text: error, error: true } : done ? { text: done, error: false } : null);
    if (!error) setMode('idle');
  }

  const now = actions.serverNow();
  const valid = choiceOk({ later: true, local }, now);
  return (
    <div class="kv-countdown-owner">
      {message && (
        <p
          class={message.error ? 'kv-notice' : 'kv-muted'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      {mode === 'moving' && (
        <form
          class="kv-when-time"
          onSubmit={(event) => {
            event.preventDefault();
            if (!valid) return;
            const iso = new Date(localInputToMs(local)).toISOString();
            void run(() => actions.reschedule(iso), t('rescheduleDone'));
          }}
        >
          <StartTimeInput
            id="kv-reschedule-at"
            value={local}
            now={now}
            invalid={!valid}
            onInput={setLocal}
          />
          <div class="kv-actions">
            <button type="submit" class="kv-button kv-primary" disabled={busy || !valid}>
              {t('rescheduleSave')}
            </button>
            <button type="button" class="kv-button" onClick={() => setMode('idle')}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'cancelling' && (
        <div
          class="kv-confirm"
          role="alertdialog"
          aria-labelledby="kv-cancel-screening-text"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            setMode('idle');
          }}
        >
          <p id="kv-cancel-screening-text">{t('cancelScreeningConfirm')}</p>
          <div class="kv-actions">
            <button
              type="button"
              class="kv-button kv-danger"
              disabled={busy}
              onClick={() => void run(actions.cancelScreening, null)}
            >
              {t('cancelScreeningYes')}
            </button>
            <button ref={keep} type="button" class="kv-button" onClick={() => setMode('idle')}>
              {t('keepScreening')}
            </button>
          </div>
        </div>
      )}
      {mode === 'idle' && (
        <div class="kv-actions kv-countdown-actions">
          <button
            type="button"
            class="kv-button kv-primary kv-countdown-start"
            onClick={actions.startNow}
          >
            {t('startNow')}
          </button>
          <button
            type="button"
            class="kv-button"
            onClick={() => {
              setLocal(localInputValue(startsAt));
              setMessage(null);
              setMode('moving');
            }}
          >
            {t('reschedule')}
          </button>
          <button type="button" class="kv-button kv-danger" onClick={() => setMode('cancelling')}>
            {t('cancelScreening')}
          </button>
        </div>
      )}
    </div>
  );
}
