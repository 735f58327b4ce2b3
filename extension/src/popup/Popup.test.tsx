import { describe, expect, mock, test } from 'bun:test';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { setLocale } from '../i18n';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { Popup, type PopupProps } from './Popup';

setLocale('en');
const dom = useDom();

function show(overrides: Partial<PopupProps> = {}) {
  const props: PopupProps = {
    session: { accessToken: 'jwt', user: { id: 'anna', name: 'Anna' } },
    room: {
      roomId: 'r1',
      filmTitle: 'Night Train',
      filmUrl: 'http://localhost:3000/films/night-train',
      joinUrl: 'http://localhost:8787/join/r1',
      you: { id: 'anna', name: 'Anna' },
      people: ['Anna', 'Boris'],
      status: 'connected',
      screen: 'live',
    },
    siteOrigin: 'https://video.example',
    siteEnabled: false,
    settings: DEFAULT_SETTINGS,
    onEnableSite: async () => true,
    onSaveSettings: async () => {},
    ...overrides,
  };
  const root = dom.container();
  render(<Popup {...props} />, root);
  return root;
}

function setInput(root: HTMLElement, name: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('popup', () => {
  test('who you are, the room and its people', () => {
    const root = show();
    expect(root.textContent).toContain('Signed in as Anna');
    expect(root.textContent).toContain('Room for “Night Train”');
    expect([...root.querySelectorAll('.people li')].map((li) => li.textContent)).toEqual([
      'Anna',
      'Boris',
    ]);
    expect(show({ session: null, room: null }).textContent).toContain('You are not in a room.');
  });

  test('a room that is not on says its state, never "Room for “”"', () => {
    const room = {
      roomId: 'r1',
      filmTitle: '',
      filmUrl: 'http://localhost:3000/films/night-train',
      joinUrl: null,
      you: null,
      people: [],
      status: 'offline',
    };
    const refused = show({ room: { ...room, screen: 'forbidden' } }).textContent!;
    expect(refused).toContain('This room is for invited guests');
    expect(refused).not.toContain('Room for');
    const named = show({ room: { ...room, filmTitle: 'Night Train', screen: 'forbidden' } });
    expect(named.textContent).toContain('“Night Train”');
    expect(show({ room: { ...room, screen: 'closed' } }).textContent).toContain(
      'The room was closed.',
    );
    expect(show({ room: { ...room, screen: 'connecting' } }).textContent).toContain('Your room');
    for (const screen of ['unreachable', 'signed-out', 'not-found', 'outdated', 'failed', 'live']) {
      expect(show({ room: { ...room, screen } }).textContent).not.toContain('“”');
    }
  });

  test('enable on this site calls through and then shows it enabled', async () => {
    const onEnableSite = mock(async () => true);
    const root = show({ onEnableSite });
    const button = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Enable on this site',
    )!;
    button.click();
    await settle();
    expect(onEnableSite).toHaveBeenCalled();
    expect(root.textContent).toContain('Enabled on this site');
  });

  test('settings: a bad address is refused with a message, a good one saved normalised', async () => {
    const onSaveSettings = mock(async () => {});
    const root = show({ onSaveSettings });
    setInput(root, 'backendUrl', 'not a url');
    await settle();
    root.querySelector('form')!.requestSubmit();
    await settle();
    expect(onSaveSettings).not.toHaveBeenCalled();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('Enter a full address');
    setInput(root, 'backendUrl', 'https://kino.example/');
    await settle();
    root.querySelector('form')!.requestSubmit();
    await settle();
    expect(onSaveSettings).toHaveBeenCalledWith({
      ...DEFAULT_SETTINGS,
      backendUrl: 'https://kino.example',
    });
  });
});
