import { describe, expect, mock, test } from 'bun:test';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { setLocale } from '../i18n';
import type { SiteDisableResult, SiteEnableResult } from '../messaging/messages';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { Popup, type PopupProps } from './Popup';
import type { TabSite } from './tab-site';

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
    site: { tabId: 7, origin: 'https://video.example:8443', state: 'available', invited: false },
    settings: DEFAULT_SETTINGS,
    showServerSettings: true,
    privacyUrl: 'https://together.example/privacy',
    onEnableSite: async () => ({ ok: true, overlay: 'injected' }),
    onDisableSite: async () => ({ ok: true }),
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

  const buttonNamed = (root: HTMLElement, name: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent === name);

  test('enable on this site: the prompt, then the overlay on this page, then Disable', async () => {
    let finish: (result: SiteEnableResult) => void = () => {};
    const onEnableSite = mock(() => new Promise<SiteEnableResult>((resolve) => (finish = resolve)));
    const root = show({ onEnableSite });
    expect(root.querySelector('#site-host')?.textContent).toBe('video.example:8443');
    expect(root.textContent).toContain('Kino Vmeste needs access to video.example:8443');
    buttonNamed(root, 'Enable on this site')!.click();
    await settle();
    expect(onEnableSite).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Allow access to video.example:8443 when your browser asks.',
    );
    expect(buttonNamed(root, 'Enable on this site')!.disabled).toBe(true);
    finish({ ok: true, overlay: 'injected' });
    await settle();
    expect(root.querySelector('[role="status"]')?.textContent).toBe(
      'Enabled on video.example:8443: Watch together is next to the video on this page.',
    );
    expect(buttonNamed(root, 'Disable on this site')).toBeDefined();
  });

  test('invited to a room on a site not enabled: says so, and enabling is the way in', () => {
    const site = { tabId: 7, origin: 'http://127.0.0.1:3001', state: 'available', invited: true };
    const root = show({ site: site as TabSite });
    expect(root.querySelector('.site-invited')?.textContent).toBe(
      'You are invited to a room on this page. To join it, let Kino Vmeste work on 127.0.0.1:3001: the room opens right here.',
    );
    expect(root.textContent).not.toContain('needs access');
    expect(buttonNamed(root, 'Enable on this site')).toBeDefined();
  });

  test('a refused prompt, a tab that moved on, a failure: each said in words', async () => {
    const cases: [SiteEnableResult, string][] = [
      [{ ok: false, reason: 'denied' }, 'Not enabled: the browser did not give access'],
      [{ ok: true, overlay: 'elsewhere' }, 'it starts on the next page you open there'],
      [{ ok: false, reason: 'timeout' }, 'no answer from the browser'],
      [{ ok: false, reason: 'failed', error: 'Cannot access a chrome:// URL' }, 'Cannot access'],
    ];
    for (const [result, text] of cases) {
      const root = show({ onEnableSite: async () => result });
      buttonNamed(root, 'Enable on this site')!.click();
      await settle();
      expect(root.querySelector('[role="status"]')?.textContent).toContain(text);
      // Enabled or not, the button that fits is offered.
      expect(
        buttonNamed(root, result.ok ? 'Disable on this site' : 'Enable on this site'),
      ).toBeDefined();
    }
  });

  test('disable on an enabled site', async () => {
    const onDisableSite = mock(async (): Promise<SiteDisableResult> => ({ ok: true }));
    const root = show({
      site: { tabId: 7, origin: 'https://video.example', state: 'enabled', invited: false },
      onDisableSite,
    });
    expect(root.textContent).toContain('Kino Vmeste is on for video.example.');
    buttonNamed(root, 'Disable on this site')!.click();
    await settle();
    expect(onDisableSite).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[role="status"]')?.textContent).toContain(
      'Disabled on video.example: gone from its open pages',
    );
    expect(buttonNamed(root, 'Enable on this site')).toBeDefined();
  });

  test('no site section on the cinema or a browser page', () => {
    const root = show({ site: null });
    expect(root.querySelector('.site')).toBeNull();
    expect(buttonNamed(root, 'Enable on this site')).toBeUndefined();
  });

  test('a store build shows no server addresses; every build links the privacy policy', () => {
    const release = show({ showServerSettings: false });
    expect(release.querySelector('input')).toBeNull();
    expect(release.textContent).not.toContain('Server address');
    expect(release.textContent).not.toMatch(/localhost|https?:\/\//);
    const privacy = [...release.querySelectorAll('a')].find(
      (a) => a.textContent === 'Privacy policy',
    );
    expect(privacy?.getAttribute('href')).toBe('https://together.example/privacy?lang=en');
    const dev = show();
    expect(dev.querySelector('input[name="backendUrl"]')).not.toBeNull();
  });

  test('in Russian too', () => {
    setLocale('ru');
    try {
      const root = show({ showServerSettings: false });
      expect(buttonNamed(root, 'Включить на этом сайте')).toBeDefined();
      const privacy = [...root.querySelectorAll('a')].find(
        (a) => a.textContent === 'Политика конфиденциальности',
      );
      expect(privacy?.getAttribute('href')).toBe('https://together.example/privacy?lang=ru');
    } finally {
      setLocale('en');
    }
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
