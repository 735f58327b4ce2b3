import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { SidebarActions } from './room-model';

/** How long "Link copied" stays before the button reads "Copy invite link" again. */
export const COPIED_MS = 2500;

/** Copy the link, leave, and for the owner close the room, after a confirmation. */
export function RoomFooter({
  isOwner,
  actions,
  copiedMs = COPIED_MS,
}: {
  isOwner: boolean;
  actions: SidebarActions;
  copiedMs?: number;
}) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), copiedMs);
    return () => clearTimeout(timer);
  }, [copied]);
  if (confirming) {
    return (
      <CloseRoomConfirm
        onConfirm={() => {
          setConfirming(false);
          actions.closeRoom();
        }}
        onCancel={() => setConfirming(false)}
      />
    );
  }
  return (
    <footer class="kv-actions">
      <button
        type="button"
        class="kv-button"
        onClick={async () => setCopied(await actions.copyInvite())}
      >
        {copied ? t('copied') : t('copyInvite')}
      </button>
      <button type="button" class="kv-button" onClick={actions.leave}>
        {t('leave')}
      </button>
      {isOwner && (
        <button type="button" class="kv-button kv-danger" onClick={() => setConfirming(true)}>
          {t('closeRoom')}
        </button>
      )}
    </footer>
  );
}

function CloseRoomConfirm({ onConfirm, onCancel }: { onConfirm(): void; onCancel(): void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus; Escape takes it too (and does not collapse the sidebar).
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="kv-confirm"
      role="alertdialog"
      aria-labelledby="kv-confirm-text"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onCancel();
      }}
    >
      <p id="kv-confirm-text">{t('closeRoomConfirm')}</p>
      <div class="kv-actions">
        <button type="button" class="kv-button kv-danger" onClick={onConfirm}>
          {t('closeRoomYes')}
        </button>
        <button ref={cancel} type="button" class="kv-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
