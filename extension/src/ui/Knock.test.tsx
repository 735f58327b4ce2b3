/** Knock to join in the sidebar: the knocker's door in each state, the owner's cards, removing. */
import { describe, expect, mock, test } from 'bun:test';
import type { KnockRequest } from '@kino/shared/protocol';
import { render } from 'preact';
import { settle, useDom } from '../../test/dom';
import { setLocale } from '../i18n';
import { KnockDoor } from './KnockDoor';
import { KnockRequests } from './KnockRequests';
import type { KnockState } from './knock-state';
import { Participants } from './Participants';

const dom = useDom();
const NOW = 1_764_000_000_000;

function door(state: KnockState, ownerName: string | null = 'Анна') {
  const root = dom.container();
  const onKnock = mock(() => {});
  render(<KnockDoor state={state} ownerName={ownerName} now={NOW} onKnock={onKnock} />, root);
  const button = root.querySelector<HTMLButtonElement>('button');
  return { root, onKnock, button, status: root.querySelector('[role="status"]') };
}

describe('the knocker', () => {
  test('idle: says what knocking does; the button knocks', () => {
    setLocale('en');
    const { root, button, onKnock } = door({ phase: 'idle' });
    expect(root.textContent).toContain('Анна will see your request in the room');
    expect(button?.textContent).toBe('Knock to join');
    button?.click();
    expect(onKnock).toHaveBeenCalledTimes(1);
  });

  test('pending: waiting for the host, for how long, no second knock; read out politely', () => {
    setLocale('ru');
    const { status, button } = door({ phase: 'pending', expiresAt: NOW + 9 * 60_000 });
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent).toContain('Вы постучались. Ждём, когда Анна впустит вас…');
    expect(status?.textContent).toContain('Просьба действует ещё 9 мин');
    expect(button).toBeNull();
  });

  test('declined and expired are told kindly; expired offers to knock again', () => {
    setLocale('en');
    const declined = door({ phase: 'declined' });
    expect(declined.status?.textContent).toContain('Not this time');
    expect(declined.button).toBeNull();
    const expired = door({ phase: 'expired' });
    expect(expired.status?.textContent).toContain('Nobody answered in time');
    expect(expired.button?.textContent).toBe('Knock again');
    setLocale('ru');
    expect(door({ phase: 'declined' }).status?.textContent).toContain('В этот раз не получится');
  });

  test('refusals say when to try again', () => {
    setLocale('en');
    const limited = door({
      phase: 'refused',
      code: 'knock_rate_limited',
      message: 'x',
      retryAfterSeconds: 1800,
    });
    expect(limited.status?.textContent).toContain('You can knock again in 30 min');
    setLocale('ru');
    const full = door({
      phase: 'refused',
      code: 'knock_queue_full',
      message: 'x',
      retryAfterSeconds: 60,
    });
    expect(full.status?.textContent).toContain('У двери уже ждут многие. Попробуйте через 60 с');
  });

  test('sending: the button is disabled', () => {
    setLocale('en');
    const { button } = door({ phase: 'sending' });
    expect(button?.disabled).toBe(true);
    expect(button?.textContent).toBe('Knocking…');
  });
});

const gleb: KnockRequest = {
  userId: 'gleb',
  name: 'Глеб',
  friendOf: ['Анна'],
  at: NOW - 60_000,
  expiresAt: NOW + 9 * 60_000,
};

describe('the owner', () => {
  test('a card per request: who, whose friend, Let in / Decline with names; a new one is read out', async () => {
    setLocale('en');
    const root = dom.container();
    const onAnswer = mock((_: string, __: boolean) => {});
    render(<KnockRequests requests={[]} now={NOW} onAnswer={onAnswer} />, root);
    await settle();
    const announcer = root.querySelector('[data-testid="knock-announcer"]');
    expect(announcer?.getAttribute('aria-live')).toBe('polite');
    expect(announcer?.textContent).toBe('');
    expect(root.querySelector('.kv-knocks')).toBeNull();

    const dasha = { ...gleb, userId: 'dasha', name: 'Даша', friendOf: [], at: NOW };
    render(<KnockRequests requests={[gleb, dasha]} now={NOW} onAnswer={onAnswer} />, root);
    await settle();
    expect(announcer?.textContent).toBe('Глеб asks to join the room. Даша asks to join the room');
    const cards = root.querySelectorAll('.kv-knock-card');
    expect(cards.length).toBe(2);
    expect(cards[0]?.textContent).toContain('Глеб asks to join');
    expect(cards[0]?.textContent).toContain('Friend of Анна');
    expect(cards[0]?.textContent).toContain('open for 9 min');
    expect(cards[1]?.textContent).toContain('Not a friend of anyone here');
    root.querySelector<HTMLButtonElement>('[aria-label="Let Глеб in"]')?.click();
    root.querySelector<HTMLButtonElement>('[aria-label="Decline Даша"]')?.click();
    expect(onAnswer.mock.calls).toEqual([
      ['gleb', true],
      ['dasha', false],
    ]);
  });

  test('in Russian; an expired request leaves the list without the server', async () => {
    setLocale('ru');
    const root = dom.container();
    render(<KnockRequests requests={[gleb]} now={NOW} onAnswer={() => {}} />, root);
    await settle();
    expect(root.textContent).toContain('Глеб просит впустить');
    expect(root.textContent).toContain('Друзья в комнате: Анна');
    expect(root.querySelector('[aria-label="Впустить: Глеб"]')).not.toBeNull();
    render(<KnockRequests requests={[gleb]} now={gleb.expiresAt + 1} onAnswer={() => {}} />, root);
    expect(root.querySelector('.kv-knocks')).toBeNull();
  });

  test('removing a member asks first, focuses Remove, and Cancel keeps them', async () => {
    setLocale('en');
    const root = dom.container();
    const onRevoke = mock((_: string) => {});
    const people = [
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
        buffering: false,
      },
    ];
    render(
      <Participants participants={people} youId="anna" ownerId="anna" onRevoke={onRevoke} />,
      root,
    );
    // Not for yourself.
    expect(root.querySelector('[aria-label="Remove Anna from the room"]')).toBeNull();
    root.querySelector<HTMLButtonElement>('[aria-label="Remove Boris from the room"]')?.click();
    await settle();
    expect(root.textContent).toContain('Remove Boris? They will not be able to come back');
    const yes = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Remove');
    expect(document.activeElement === yes).toBe(true);
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')?.click();
    await settle();
    expect(onRevoke).not.toHaveBeenCalled();
    root.querySelector<HTMLButtonElement>('[aria-label="Remove Boris from the room"]')?.click();
    await settle();
    [...root.querySelectorAll('button')].find((b) => b.textContent === 'Remove')?.click();
    expect(onRevoke).toHaveBeenCalledWith('boris');
    // Members who are not the owner get no remove buttons.
    const plain = dom.container();
    render(<Participants participants={people} youId="boris" ownerId="anna" />, plain);
    expect(plain.querySelector('.kv-person-remove')).toBeNull();
  });
});
