/** The sidebar's screens besides the live room: each says what happened and offers a next step. */

import { describe, expect, jest, test } from 'bun:test';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { actions, view } from '../../test/room-fixtures';
import { setLocale } from '../i18n';
import { type RoomView, reduceServerMessage } from '../room/room-state';
import { CollapsedTab } from './CollapsedTab';
import { KNOCK_IDLE, type KnockState } from './knock-state';
import { COPIED_MS, RoomFooter } from './RoomFooter';
import { RoomLayer } from './RoomLayer';
import type { FullscreenMode, RoomFacts, RoomLayerModel } from './room-model';
import { type RoomScreen, roomScreen } from './room-screen';
import { Sidebar } from './Sidebar';

setLocale('en');
const dom = useDom();

function show(
  v: RoomView,
  options: { facts?: RoomFacts; elapsedMs?: number; ended?: boolean; knock?: KnockState } = {},
) {
  const a = actions();
  const root = dom.container();
  const screen = roomScreen({
    view: v,
    ended: options.ended ?? false,
    elapsedMs: options.elapsedMs ?? 0,
  });
  render(
    <Sidebar
      view={v}
      screen={screen}
      facts={options.facts ?? { filmTitle: 'Night Train', ownerName: 'Anna' }}
      knock={options.knock ?? KNOCK_IDLE}
      width={300}
      fullscreen="none"
      onCollapsedChange={() => {}}
      actions={a}
    />,
    root,
  );
  const button = (name: string) =>
    [...root.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent?.trim() === name,
    );
  return { root, a, button, screen };
}

/** Nothing that belongs to a live room: people with dots, chat box, reactions, room actions. */
function expectNothingLive(root: HTMLElement) {
  expect(root.querySelector('.kv-dot')).toBeNull();
  expect(root.querySelector('.kv-composer')).toBeNull();
  expect(root.querySelector('.kv-emoji')).toBeNull();
  expect(root.textContent).not.toContain('Copy invite link');
}

const guest = {
  userId: 'gleb',
  name: 'Gleb',
  connectionId: 'c9',
  isOwner: false,
  canControl: true,
};
const refused = (code: string): RoomView =>
  view({
    status: 'offline',
    you: null,
    participants: [],
    messages: [],
    lastError: { code, message: code },
  });

describe('the room states', () => {
  test('closed: the reason, a summary and "Start a new room"; no green dots', () => {
    const closed = view({
      status: 'closed',
      closedReason: 'closed-by-owner',
      messages: [...view().messages, { ...view().messages[0]!, id: 'm-2', cursor: 6, text: 'bye' }],
    });
    const { root, a, button } = show(closed);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('The room was closed.');
    expect(root.querySelector('aside')?.dataset.status).toBe('closed');
    const summary = root.querySelector('.kv-summary')?.textContent;
    expect(summary).toContain('“Night Train”');
    expect(summary).toContain('Who was there: Anna, Boris');
    expect(summary).toContain('Chat messages: 2');
    expectNothingLive(root);
    // Toasts stop with the room (their timer did): none is left standing.
    const withToast = show({
      ...closed,
      toasts: [{ id: 1, key: 'toastJoin', params: { name: 'Vera' }, at: 0 }],
    });
    expect(withToast.root.querySelector('.kv-toast')).toBeNull();
    button('Start a new room')!.click();
    expect(a.startNewRoom).toHaveBeenCalled();
    button('Close')!.click();
    expect(a.leave).toHaveBeenCalled();
  });

  test('expired, and joining a room that was already closed, say so', () => {
    expect(show(view({ status: 'closed', closedReason: 'expired' })).root.textContent).toContain(
      'The room expired.',
    );
    const late = show(refused('room_closed'), { ended: true });
    expect(late.root.textContent).toContain('This room has already been closed.');
    expect(late.button('Start a new room')).toBeDefined();
  });

  test('not invited: who hosts it, and a Knock button instead of a dead end', () => {
    const { root, a, button } = show(refused('forbidden'), { ended: true });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'This room is for invited guests',
    );
    expect(root.textContent).toContain('“Night Train”');
    expect(root.textContent).toContain('Host: Anna');
    expect(root.textContent).toContain(
      'Anna will see your request in the room and can let you in.',
    );
    expect(root.textContent).not.toContain('Something went wrong');
    expect(root.querySelector('.kv-status')).toBeNull(); // no "Offline" under a refusal
    expectNothingLive(root);
    button('Knock to join')!.click();
    expect(a.knock).toHaveBeenCalled();
    button('Close')!.click();
    expect(a.leave).toHaveBeenCalled();
  });

  test('not invited, host unknown: the host will see the request', () => {
    const { root } = show(refused('forbidden'), {
      ended: true,
      facts: { filmTitle: null, ownerName: null },
    });
    expect(root.textContent).toContain('The host will see your request in the room');
    expect(root.textContent).not.toContain('Host:');
  });

  test('removed by the host: says so, and offers no way back in', () => {
    const { root, button } = show(refused('revoked'), { ended: true });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'You were removed from this room',
    );
    expect(root.textContent).toContain('no longer let you in');
    expect(button('Knock to join')).toBeUndefined();
    expectNothingLive(root);
  });

  test('signed out: sign in, then Try again', () => {
    const { root, a, button } = show(refused('unauthorized'), { ended: true });
    expect(root.textContent).toContain('Sign in to join the room');
    expectNothingLive(root);
    button('Try again')!.click();
    expect(a.retry).toHaveBeenCalled();
  });

  test('server unreachable: clear words, still trying, and a way to try now', () => {
    const waiting = view({ status: 'connecting', you: null, participants: [], messages: [] });
    expect(show(waiting, { elapsedMs: 1000 }).root.textContent).toContain('Joining the room…');
    const { root, a, button } = show(waiting, { elapsedMs: 10_000 });
    expect(root.textContent).toContain('The Kino Vmeste server is not answering');
    expect(root.querySelector('.kv-status')?.textContent).toBe('Connecting…');
    expectNothingLive(root);
    button('Try now')!.click();
    expect(a.retry).toHaveBeenCalled();
  });

  test('a full room, too many tabs, or this tab taken over elsewhere: each says what to do', () => {
    const full = show(refused('room_full'), { ended: true });
    expect(full.root.textContent).toContain('The room is full');
    full.button('Try again')!.click();
    expect(full.a.retry).toHaveBeenCalled();
    expect(show(refused('too_many_connections'), { ended: true }).root.textContent).toContain(
      'Close it in another tab or window',
    );
    const replaced = show(refused('4010'), { ended: true });
    expect(replaced.root.textContent).toContain('This room is open in another tab');
    replaced.button('Use it here')!.click();
    expect(replaced.a.retry).toHaveBeenCalled();
    expectNothingLive(replaced.root);
  });

  test('unknown room and an outdated extension each say what to do', () => {
    expect(show(refused('not_found'), { ended: true }).root.textContent).toContain(
      'ask for it again',
    );
    expect(show(refused('version_mismatch'), { ended: true }).root.textContent).toContain(
      'Update Kino Vmeste',
    );
  });

  test('live but disconnected: a note that chat is held, and the room stays usable', () => {
    const { root } = show(view({ status: 'reconnecting' }));
    expect(root.textContent).toContain('Connection lost. We keep trying');
    expect(root.querySelector<HTMLInputElement>('.kv-composer input')!.disabled).toBe(false);
  });

  test('a seek-bar click by Boris (pause, seek, play) shows as one toast in the sidebar', () => {
    const playback = (action: 'pause' | 'seek' | 'play', playing: boolean, seq: number) =>
      ({
        type: 'playback',
        playback: { playing, position: 90, at: 0, rate: 1, seq },
        cause: { userId: 'boris', name: 'Boris', action },
      }) as const;
    const v = [
      playback('pause', false, 2),
      playback('seek', false, 3),
      playback('play', true, 4),
    ].reduce((acc, msg, i) => reduceServerMessage(acc, msg, 100 * i), view());
    const { root } = show(v);
    expect([...root.querySelectorAll('.kv-toast')].map((el) => el.textContent)).toEqual([
      'Boris jumped to 1:30',
    ]);
  });

  test('a refused message is said plainly and can be dismissed', async () => {
    const { root, button } = show(
      view({ you: guest, lastError: { code: 'rate_limited', message: 'too many' } }),
    );
    expect(root.querySelector('.kv-notice[role="alert"]')?.textContent).toContain(
      'Too much at once',
    );
    button('Dismiss')!.click();
    await settle();
    expect(root.querySelector('.kv-notice[role="alert"]')).toBeNull();
  });

  test('"Link copied" turns back into "Copy invite link" after a few seconds', async () => {
    expect(COPIED_MS).toBeGreaterThanOrEqual(2000);
    expect(COPIED_MS).toBeLessThanOrEqual(5000);
    const root = dom.container();
    render(<RoomFooter isOwner={false} actions={actions()} copiedMs={40} />, root);
    const button = () => root.querySelector<HTMLButtonElement>('button')!;
    button().click();
    await settle();
    expect(button().textContent).toBe('Link copied');
    await Bun.sleep(80);
    await settle();
    expect(button().textContent).toBe('Copy invite link');
  });

  test('a new chat line from someone else is read out, collapsed too; your own is not', async () => {
    const root = dom.container();
    const base = view();
    const model: RoomLayerModel = {
      view: signal(base),
      screen: signal<RoomScreen>({ kind: 'live' }),
      facts: signal({ filmTitle: null, ownerName: null }),
      videoRect: signal(null),
      player: signal('attached'),
      collapsed: signal(false),
      width: signal(300),
      edge: signal(0),
      fullscreen: signal<FullscreenMode>('none'),
      knock: signal(KNOCK_IDLE),
      actions: actions(),
    };
    render(<RoomLayer model={model} />, root);
    await settle();
    const region = () => root.querySelector('[data-testid="chat-announcer"]');
    expect(region()?.getAttribute('aria-live')).toBe('polite');
    expect(region()?.textContent).toBe('');
    // Not inside the sidebar, so it speaks while the sidebar is collapsed.
    expect(root.querySelector('aside')?.contains(region())).toBe(false);
    model.collapsed.value = true;
    const line = { ...base.messages[0]!, id: 'm-3', cursor: 9, text: 'look!' };
    model.view.value = { ...base, messages: [...base.messages, line] };
    await settle();
    expect(region()?.textContent).toBe('Boris: look!');
    const mine = { ...line, id: 'm-4', cursor: 10, userId: 'anna', name: 'Anna', text: 'yes' };
    model.view.value = { ...base, messages: [...base.messages, line, mine] };
    await settle();
    expect(region()?.textContent).toBe('Boris: look!');
    // The sidebar is a labelled landmark; the list of lines is not itself live.
    model.collapsed.value = false;
    await settle();
    expect(root.querySelector('aside')?.getAttribute('aria-label')).toBe('Watching together');
    expect(root.querySelector('.kv-messages')?.hasAttribute('aria-live')).toBe(false);
  });

  test('collapsed: a tab that counts new lines and opens the sidebar', async () => {
    const root = dom.container();
    const onExpand = jest.fn();
    const base = view();
    const at = (v: RoomView) =>
      render(<CollapsedTab view={v} screen={{ kind: 'live' }} onExpand={onExpand} />, root);
    at(base);
    const line = { ...base.messages[0]!, id: 'm-3', cursor: 9, text: 'look!' };
    at({ ...base, messages: [...base.messages, line] });
    await settle();
    const tab = root.querySelector<HTMLButtonElement>('button.kv-tab')!;
    expect(tab.getAttribute('aria-label')).toBe('Open the sidebar (1 new)');
    tab.click();
    expect(onExpand).toHaveBeenCalled();
  });
});
