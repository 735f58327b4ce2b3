import { describe, expect, mock, test } from 'bun:test';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { actions, view } from '../../test/room-fixtures';
import { setLocale } from '../i18n';
import type { RoomView } from '../room/room-state';
import { KNOCK_IDLE } from './knock-state';
import type { RoomFacts } from './room-model';
import { type RoomScreen, roomScreen } from './room-screen';
import { Sidebar } from './Sidebar';

setLocale('en');
const dom = useDom();

const FACTS: RoomFacts = { filmTitle: 'Night Train', ownerName: 'Anna' };

function show(
  v: RoomView,
  a = actions(),
  onCollapsedChange = (_: boolean) => {},
  options: { screen?: RoomScreen; facts?: RoomFacts } = {},
) {
  const root = dom.container();
  render(
    <Sidebar
      view={v}
      screen={options.screen ?? roomScreen({ view: v, ended: false, elapsedMs: 0 })}
      facts={options.facts ?? FACTS}
      width={300}
      fullscreen="none"
      onCollapsedChange={onCollapsedChange}
      knock={KNOCK_IDLE}
      actions={a}
    />,
    root,
  );
  return { root, a };
}

describe('sidebar', () => {
  test('people with buffering state, named chat and the connection state', () => {
    const { root } = show(view());
    expect(root.querySelector('[data-user-id="boris"]')?.textContent).toContain('buffering');
    expect(root.querySelector('[data-user-id="anna"]')?.textContent).toContain('you');
    expect(root.querySelector('.kv-message')?.textContent).toBe('Boris hello');
    expect(root.querySelector('.kv-status')?.textContent).toBe('Connected');
  });

  test('Enter in the message box sends the line and clears the box', async () => {
    const { root, a } = show(view());
    const input = root.querySelector<HTMLInputElement>('.kv-composer input')!;
    input.value = 'Привет';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    input.form!.requestSubmit();
    await settle();
    expect(a.sendChat).toHaveBeenCalledWith('Привет');
    expect(input.value).toBe('');
  });

  test('Escape collapses', () => {
    const onCollapsed = mock((_: boolean) => {});
    const { root } = show(view(), actions(), onCollapsed);
    root
      .querySelector('aside')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onCollapsed).toHaveBeenCalledWith(true);
  });

  test('the owner may close the room, after confirming; a guest may not', async () => {
    const { root, a } = show(view());
    const button = (name: string) =>
      [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name);
    button('Close room')!.click();
    await settle();
    expect(a.closeRoom).not.toHaveBeenCalled();
    expect(root.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Close the room for everyone?',
    );
    // Escape cancels the question (and does not collapse the sidebar).
    root
      .querySelector('[role="alertdialog"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(root.querySelector('[role="alertdialog"]')).toBeNull();
    button('Close room')!.click();
    await settle();
    button('Close for everyone')!.click();
    expect(a.closeRoom).toHaveBeenCalledTimes(1);
    const guest = view({
      you: { userId: 'boris', name: 'Boris', connectionId: 'c2', isOwner: false, canControl: true },
    });
    expect(show(guest).root.textContent).not.toContain('Close room');
  });

  test('earlier messages are one click away while history has more', () => {
    const { root, a } = show(view());
    root.querySelector<HTMLButtonElement>('.kv-older button')!.click();
    expect(a.loadOlder).toHaveBeenCalled();
    expect(show(view({ hasMore: false })).root.querySelector('.kv-older')).toBeNull();
  });

  test('reactions have labels and are off while reconnecting', () => {
    const { root, a } = show(view());
    const love = root.querySelector<HTMLButtonElement>('button[aria-label="React with 😍"]')!;
    love.click();
    expect(a.sendReaction).toHaveBeenCalledWith('😍');
    // Drawn from the bundled images, not left to the system's emoji font.
    expect(love.querySelector('svg path')).not.toBeNull();
    const offline = show(view({ status: 'reconnecting' })).root;
    expect(offline.querySelector('.kv-status')?.textContent).toBe('Reconnecting…');
    expect(offline.querySelector<HTMLButtonElement>('.kv-emoji')!.disabled).toBe(true);
  });

  test('the owner switches the room to host-only control and off buffering waits', () => {
    const settings = { controlMode: 'everyone', bufferPolicy: 'wait' } as const;
    const { root, a } = show(view({ settings }));
    const [ownerOnly, waitForBuffering] = [
      ...root.querySelectorAll<HTMLInputElement>('.kv-settings input[type=checkbox]'),
    ];
    expect(ownerOnly?.checked).toBe(false);
    expect(waitForBuffering?.checked).toBe(true);
    ownerOnly!.click();
    expect(a.changeSettings).toHaveBeenCalledWith({ controlMode: 'owner' });
    waitForBuffering!.click();
    expect(a.changeSettings).toHaveBeenCalledWith({ bufferPolicy: 'continue' });
  });

  test('a guest sees no settings, only a note when the host alone controls', () => {
    const guest = {
      userId: 'boris',
      name: 'Boris',
      connectionId: 'c2',
      isOwner: false,
      canControl: false,
    };
    const hostOnly = show(
      view({ you: guest, settings: { controlMode: 'owner', bufferPolicy: 'wait' } }),
    );
    expect(hostOnly.root.querySelector('.kv-settings')).toBeNull();
    expect(hostOnly.root.textContent).toContain('Only the host controls playback');
    const open = show(
      view({ you: guest, settings: { controlMode: 'everyone', bufferPolicy: 'wait' } }),
    );
    expect(open.root.textContent).not.toContain('Only the host controls playback');
  });
});

describe('sidebar by keyboard', () => {
  test('the reactions are one Tab stop; arrow keys move along them, Enter reacts', async () => {
    const { root, a } = show(view());
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.kv-emoji')];
    expect(buttons.map((b) => b.tabIndex).filter((i) => i === 0)).toHaveLength(1);
    buttons[0]!.focus();
    const bar = root.querySelector('[role="toolbar"]')!;
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(buttons[1]!);
    expect(buttons[1]!.tabIndex).toBe(0);
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await settle();
    expect(document.activeElement).toBe(buttons.at(-1)!);
    (document.activeElement as HTMLButtonElement).click();
    expect(a.sendReaction).toHaveBeenCalledWith('❤️');
  });

  test('the width handle is a labelled separator: arrows widen or narrow the sidebar', () => {
    const { root, a } = show(view());
    const handle = root.querySelector<HTMLElement>('[role="separator"]')!;
    expect(handle.getAttribute('aria-label')).toBe('Sidebar width');
    expect(handle.getAttribute('aria-valuenow')).toBe('300');
    expect(handle.tabIndex).toBe(0);
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(a.resize).toHaveBeenLastCalledWith(320);
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(a.resize).toHaveBeenLastCalledWith(280);
    handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    expect(a.resize).toHaveBeenLastCalledWith(260);
    expect(a.resizeDone).toHaveBeenCalledTimes(3);
  });

  test('"Full screen with chat" is a labelled toggle in the header', () => {
    const { root, a } = show(view());
    const button = root.querySelector<HTMLButtonElement>(
      'button[aria-label="Full screen with chat"]',
    )!;
    expect(button.getAttribute('aria-pressed')).toBe('false');
    button.click();
    expect(a.toggleFullscreen).toHaveBeenCalled();
  });
});
