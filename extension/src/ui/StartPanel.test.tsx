import { describe, expect, mock, test } from 'bun:test';
import { SAMPLE_ROOM } from '@kino/shared/http/test-fixtures';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { setLocale } from '../i18n';
import type { RoomScreenKind } from './room-screen';
import { StartApp, type StartDeps } from './StartApp';

setLocale('en');
const dom = useDom();

function deps(overrides: Partial<StartDeps> = {}): StartDeps {
  return {
    film: () => ({ filmId: 'night-train' }),
    getToken: async () => 'jwt',
    matches: async () => ({
      ok: true,
      data: [
        { id: 'boris', name: 'Boris' },
        { id: 'vera', name: 'Vera' },
      ],
    }),
    createRoom: async () => ({ ok: false, error: { code: 'x', message: 'unused', status: 500 } }),
    onRoomCreated: () => {},
    roomScreen: signal<RoomScreenKind | null>(null),
    onOpenSidebar: () => {},
    leaveRoom: () => {},
    openRequests: signal(0),
    ...overrides,
  };
}

async function openPanel(d: StartDeps): Promise<HTMLElement> {
  const root = dom.container();
  render(<StartApp deps={d} />, root);
  root.querySelector<HTMLButtonElement>('button.kv-watch')!.click();
  await settle();
  return root;
}

const buttonNamed = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name);

describe('Watch together panel', () => {
  test('lists the matches, all ticked, and Start sends the ticked ones', async () => {
    const createRoom = mock(async () => ({
      ok: false as const,
      error: { code: 'forbidden', message: 'nope', status: 403 },
    }));
    const root = await openPanel(deps({ createRoom }));
    const boxes = [...root.querySelectorAll<HTMLInputElement>('input[name="invitee"]')];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([
      ['boris', true],
      ['vera', true],
    ]);
    boxes[1]!.click(); // untick Vera
    await settle();
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(createRoom).toHaveBeenCalledWith('jwt', {
      filmId: 'night-train',
      invitees: ['boris'],
      allowLinkJoin: false,
    });
    // The refusal is shown, with a way to try again.
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('nope');
  });

  test('signed out: says so plainly and asks nothing of the backend', async () => {
    const matches = mock(deps().matches);
    const root = await openPanel(deps({ getToken: async () => null, matches }));
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('not signed in');
    expect(matches).not.toHaveBeenCalled();
  });

  test('no matches: says so and offers a link room, ticked', async () => {
    const root = await openPanel(deps({ matches: async () => ({ ok: true, data: [] }) }));
    expect(root.textContent).toContain('None of your friends');
    const link = root.querySelector<HTMLInputElement>('input[name="allowLinkJoin"]')!;
    expect(link.checked).toBe(true);
    expect(root.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(false);
  });

  test('an unreachable server is an error with retry', async () => {
    let calls = 0;
    const root = await openPanel(
      deps({
        matches: async () => {
          calls++;
          return { ok: false, error: { code: 'network', message: 'down', status: 0 } };
        },
      }),
    );
    expect(root.textContent).toContain('not reachable');
    root.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await settle();
    expect(calls).toBe(2);
  });

  test('a created room is handed over and the panel closes', async () => {
    const onRoomCreated = mock(() => {});
    const room = { ...SAMPLE_ROOM, invitees: [] };
    const root = await openPanel(
      deps({ createRoom: async () => ({ ok: true, data: room }), onRoomCreated }),
    );
    root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
    expect(onRoomCreated).toHaveBeenCalledWith(room);
    expect(root.querySelector('.kv-panel')).toBeNull();
  });

  test('Escape closes the panel and gives the focus back to the button', async () => {
    const root = await openPanel(deps());
    // Opened, the panel's first control has the focus.
    expect(document.activeElement).toBe(root.querySelector('input[name="invitee"]'));
    const panel = root.querySelector('.kv-panel')!;
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(root.querySelector('.kv-panel')).toBeNull();
    expect(document.activeElement).toBe(root.querySelector('button.kv-watch'));
  });

  test('while in a room: offers to show it or to leave it for a new one', async () => {
    const onOpenSidebar = mock(() => {});
    const leaveRoom = mock(() => {});
    const matches = mock(deps().matches);
    const roomScreen = signal<RoomScreenKind | null>('live');
    const root = await openPanel(deps({ roomScreen, onOpenSidebar, leaveRoom, matches }));
    expect(root.textContent).toContain('You are in a room for this film.');
    expect(matches).not.toHaveBeenCalled();
    buttonNamed(root, 'Show the room')!.click();
    await settle();
    expect(onOpenSidebar).toHaveBeenCalled();
    expect(root.querySelector('.kv-panel')).toBeNull();
    root.querySelector<HTMLButtonElement>('button.kv-watch')!.click();
    await settle();
    buttonNamed(root, 'Leave it and start a new one')!.click();
    await settle();
    expect(leaveRoom).toHaveBeenCalled();
    expect(root.querySelectorAll('input[name="invitee"]')).toHaveLength(2);
  });

  test('a room that is over does not stand in the way: the button leaves it and starts anew', async () => {
    const leaveRoom = mock(() => {});
    const root = await openPanel(deps({ roomScreen: signal('closed'), leaveRoom }));
    expect(leaveRoom).toHaveBeenCalled();
    expect(root.querySelectorAll('input[name="invitee"]')).toHaveLength(2);
  });

  test('"Start a new room" from outside opens the panel with the matches', async () => {
    const openRequests = signal(0);
    const root = dom.container();
    render(<StartApp deps={deps({ openRequests })} />, root);
    await settle();
    expect(root.querySelector('.kv-panel')).toBeNull();
    openRequests.value++;
    await settle();
    expect(root.querySelectorAll('input[name="invitee"]')).toHaveLength(2);
  });
});
