/** Scheduled screenings in the extension: the start panel's "when" and the sidebar countdown. */
import { describe, expect, mock, test } from 'bun:test';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { actions, view } from '../../test/room-fixtures';
import { setLocale } from '../i18n';
import type { RoomScreenKind } from './room-screen';
import { ScheduleCountdown } from './ScheduleCountdown';
import { StartApp, type StartDeps } from './StartApp';
import { localInputToMs, localInputValue } from './schedule-choice';

const dom = useDom();

function startDeps(createRoom: StartDeps['createRoom']): StartDeps {
  return {
    film: () => ({ filmId: 'night-train' }),
    getToken: async () => 'jwt',
    matches: async () => ({ ok: true, data: [{ id: 'boris', name: 'Boris' }] }),
    createRoom,
    onRoomCreated: () => {},
    roomScreen: signal<RoomScreenKind | null>(null),
    onOpenSidebar: () => {},
    leaveRoom: () => {},
    openRequests: signal(0),
  };
}

const refused = async () => ({
  ok: false as const,
  error: { code: 'invalid_start_time', message: 'no', status: 422 },
});

async function openPanel(d: StartDeps) {
  const root = dom.container();
  render(<StartApp deps={d} />, root);
  root.querySelector<HTMLButtonElement>('button.kv-watch')!.click();
  await settle();
  return root;
}

const radio = (root: HTMLElement, value: string) =>
  root.querySelector<HTMLInputElement>(`input[name="kv-when"][value="${value}"]`)!;
const submit = (root: HTMLElement) =>
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!;

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new window.Event('input', { bubbles: true }) as unknown as Event);
}

describe('start panel: when', () => {
  test('Now by default; At a set time shows a labelled time an hour ahead and sends it', async () => {
    setLocale('en');
    const createRoom = mock(refused);
    const root = await openPanel(startDeps(createRoom));
    expect(radio(root, 'now').checked).toBe(true);
    expect(root.querySelector('#kv-starts-at')).toBeNull();
    expect(submit(root).textContent).toBe('Start');
    radio(root, 'later').click();
    await settle();
    const input = root.querySelector<HTMLInputElement>('#kv-starts-at')!;
    expect(root.querySelector(`label[for="kv-starts-at"]`)?.textContent).toBe('Start time');
    expect(input.type).toBe('datetime-local');
    const suggested = localInputToMs(input.value);
    expect(suggested - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(suggested - Date.now()).toBeLessThan(66 * 60_000);
    expect(root.querySelector('#kv-starts-at-hint')?.textContent).toContain('Your time zone');
    expect(submit(root).textContent).toBe('Schedule');
    submit(root).click();
    await settle();
    expect(createRoom).toHaveBeenCalledWith('jwt', {
      filmId: 'night-train',
      invitees: ['boris'],
      allowLinkJoin: false,
      startsAt: new Date(suggested).toISOString(),
    });
    // The backend's refusal is said in words.
    expect(root.textContent).toContain('That start time cannot be used');
  });

  test('a time in the past is marked invalid and cannot be sent (Russian)', async () => {
    setLocale('ru');
    const createRoom = mock(refused);
    const root = await openPanel(startDeps(createRoom));
    radio(root, 'later').click();
    await settle();
    const input = root.querySelector<HTMLInputElement>('#kv-starts-at')!;
    type(input, localInputValue(Date.now() - 60_000));
    await settle();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('Выберите время в будущем');
    expect(submit(root).disabled).toBe(true);
    type(input, '2026-02-31T20:00');
    await settle();
    expect(submit(root).disabled).toBe(true);
    radio(root, 'now').click();
    await settle();
    expect(submit(root).disabled).toBe(false);
    expect(submit(root).textContent).toBe('Начать');
    setLocale('en');
  });
});

describe('sidebar countdown', () => {
  const NOW = Date.UTC(2026, 11, 5, 16, 58, 30);
  const scheduled = (startsAt: number) =>
    view({ playback: { playing: true, position: 0, at: startsAt, rate: 1, seq: 0 } });

  function show(v = scheduled(NOW + 90_000), a = actions(), clock = { now: NOW }) {
    a.serverNow = mock(() => clock.now);
    const root = dom.container();
    const draw = () => render(<ScheduleCountdown view={v} actions={a} tickMs={5} />, root);
    draw();
    return { root, a, clock, draw };
  }

  test('counts down, says when and how many are here; gone at the start', async () => {
    setLocale('en');
    const { root, clock } = show();
    expect(root.querySelector('[role="timer"]')?.textContent).toBe('01:30');
    expect(root.textContent).toContain('2 here already');
    expect(root.textContent).toContain('Everyone starts together');
    clock.now += 61_000;
    await Bun.sleep(20);
    expect(root.querySelector('[role="timer"]')?.textContent).toBe('00:29');
    clock.now += 29_000;
    await Bun.sleep(20);
    expect(root.querySelector('.kv-countdown')).toBeNull();
  });

  test('not shown for a room that started or is paused', () => {
    const { root } = show(
      view({ playback: { playing: false, position: 0, at: NOW + 9e5, rate: 1, seq: 1 } }),
    );
    expect(root.querySelector('.kv-countdown')).toBeNull();
  });

  test('owner: start now, change the time, cancel with a confirmation; members see no controls', async () => {
    setLocale('ru');
    const { root, a } = show();
    const button = (name: string) =>
      [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name)!;
    button('Начать сейчас для всех').click();
    expect(a.startNow).toHaveBeenCalled();
    button('Изменить время').click();
    await settle();
    const input = root.querySelector<HTMLInputElement>('#kv-reschedule-at')!;
    const later = NOW + 3 * 3600_000;
    type(input, localInputValue(later));
    await settle();
    button('Сохранить новое время').click();
    await settle();
    expect(a.reschedule).toHaveBeenCalledWith(new Date(later).toISOString());
    expect(root.textContent).toContain('Новое время сохранено');
    button('Отменить показ').click();
    await settle();
    expect(root.querySelector('[role="alertdialog"]')?.textContent).toContain('Отменить для всех?');
    expect(document.activeElement?.textContent).toBe('Не отменять');
    root.querySelectorAll<HTMLButtonElement>('[role="alertdialog"] button')[0]!.click();
    await settle();
    expect(a.cancelScreening).toHaveBeenCalled();

    const member = show(
      view({
        playback: { playing: true, position: 0, at: NOW + 90_000, rate: 1, seq: 0 },
        you: {
          userId: 'boris',
          name: 'Boris',
          connectionId: 'c2',
          isOwner: false,
          canControl: true,
        },
      }),
    );
    expect(member.root.querySelector('.kv-countdown')).not.toBeNull();
    expect(member.root.querySelector('.kv-countdown-owner')).toBeNull();
    setLocale('en');
  });
});
