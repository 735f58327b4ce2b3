import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { RoomView } from '../room/room-state';
import { Icon } from './Icons';
import { isDeadEnd, type RoomScreen } from './room-screen';
import { Toasts } from './Toasts';

/**
 * The collapsed sidebar: a slim tab at the middle of the window's right edge, where
 * headers, account menus and player controls are not. Shows how many lines came
 * since it was collapsed; toasts still appear beside it.
 */
export function CollapsedTab(props: {
  view: RoomView;
  screen: RoomScreen;
  takeFocus?: boolean;
  onExpand: () => void;
}) {
  const { view } = props;
  const button = useRef<HTMLButtonElement>(null);
  const seenCursor = useRef(view.messages.at(-1)?.cursor ?? 0);
  // At once, in the same task as the swap: a key pressed right after must land here.
  useLayoutEffect(() => {
    if (props.takeFocus) button.current?.focus();
  }, []);
  const unread = view.messages.filter(
    (m) => m.kind === 'text' && m.cursor > seenCursor.current && m.userId !== view.you?.userId,
  ).length;
  return (
    <aside
      class="kv-sidebar kv-collapsed"
      aria-label={t('sidebarTitle')}
      data-status={view.status}
      data-screen={props.screen.kind}
    >
      <button
        ref={button}
        type="button"
        class="kv-tab"
        aria-label={unread > 0 ? `${t('expand')} (${t('unread', { count: unread })})` : t('expand')}
        aria-expanded={false}
        title={t('expand')}
        onClick={props.onExpand}
      >
        <Icon name="expand" />
        <span class="kv-tab-text">{t('sidebarTitle')}</span>
        <Icon name="chat" />
        {unread > 0 && (
          <span class="kv-tab-badge" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {!isDeadEnd(props.screen.kind) && <Toasts toasts={view.toasts} at="tab" />}
    </aside>
  );
}
