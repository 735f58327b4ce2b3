import { describe, expect, mock, test } from 'bun:test';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { setLocale } from '../i18n';
import { initialRoomView, type RoomView } from '../room/room-state';
import { Sidebar, type SidebarActions } from './Sidebar';

setLocale('en');
const dom = useDom();

function view(overrides: Partial<RoomView> = {}): RoomView {
  return {
    ...initialRoomView(),
    status: 'connected',
    you: { userId: 'anna', name: 'Anna', connectionId: 'c1', isOwner: true, canControl: true },
    room: {
      id: 'r1',
      filmId: 'night-train',
      ownerId: 'anna',
      settings: { controlMode: 'everyone', bufferPolicy: 'wait' },
    },
    participants: [
      {
        userId: 'anna',
        name: 'Anna',
        connectionId: 'c1',
        instanceId: 'i',
        joinedAt: 1,
        buffering: false,
      },
      {
        userId: 'boris',
        name: 'Boris',
        connectionId: 'c2',
        instanceId: 'i',
        joinedAt: 2,
        buffering: true,
      },
    ],
    messages: [
      {
        id: 'm-00001',
        cursor: 5,
        kind: 'text',
        userId: 'boris',
        name: 'Boris',
        text: 'hello',
        at: 1,
        position: 0,
      },
    ],
    hasMore: true,
    ...overrides,
  };
}

function actions(): SidebarActions & Record<string, ReturnType<typeof mock>> {
  return {
    sendChat: mock(() => {}),
    sendReaction: mock(() => {}),
    loadOlder: mock(() => {}),
    copyInvite: mock(async () => true),
    leave: mock(() => {}),
    closeRoom: mock(() => {}),
    changeSettings: mock(() => {}),
  };
}

function show(v: RoomView, a = actions(), onCollapsedChange = (_: boolean) => {}) {
  const root = dom.container();
  render(
    <Sidebar view={v} collapsed={false} onCollapsedChange={onCollapsedChange} actions={a} />,
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

  test('the owner may close the room; a guest may not', () => {
    expect(show(view()).root.textContent).toContain('Close room');
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
