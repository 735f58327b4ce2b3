import { expect, test } from 'bun:test';
import { setLocale, t } from '../i18n';
import { canKnock, knockStateFrom, refusalText } from './knock-state';

const NOW = 1_764_000_000_000;

test('a reply becomes a state; the expiry moves into our clock', () => {
  const pending = knockStateFrom(
    { ok: true, data: { status: 'pending', expiresAt: 2_000_600_000, serverTime: 2_000_000_000 } },
    NOW,
  );
  expect(pending).toEqual({ phase: 'pending', expiresAt: NOW + 600_000 });
  for (const status of ['approved', 'declined', 'expired'] as const) {
    expect(
      knockStateFrom({ ok: true, data: { status, expiresAt: 1, serverTime: 1 } }, NOW),
    ).toEqual({
      phase: status,
    });
  }
});

test('invited meanwhile: nothing to wait for, the door opens', () => {
  const error = { code: 'already_member', message: 'x', status: 409 };
  expect(knockStateFrom({ ok: false, error }, NOW)).toEqual({ phase: 'approved' });
});

test('refusals read in the user’s language, never as the server’s English', () => {
  setLocale('ru');
  const refused = (code: string) =>
    refusalText(
      knockStateFrom({ ok: false, error: { code, message: 'English', status: 400 } }, NOW),
      t,
    );
  expect(refused('room_closed')).toBe(t('roomAlreadyClosed'));
  expect(refused('room_revoked')).toBe(t('revokedBody'));
  expect(refused('unauthorized')).toBe('Сначала войдите в кинотеатр, затем постучитесь ещё раз.');
  expect(refused('network')).toBe(t('errorNetwork'));
  setLocale('en');
});

test('the knock button is offered again after an expiry or a refusal, not while waiting', () => {
  expect(canKnock({ phase: 'idle' })).toBe(true);
  expect(canKnock({ phase: 'expired' })).toBe(true);
  expect(canKnock({ phase: 'refused', code: 'x', message: '' })).toBe(true);
  expect(canKnock({ phase: 'pending', expiresAt: 0 })).toBe(false);
  expect(canKnock({ phase: 'declined' })).toBe(false);
  expect(canKnock({ phase: 'approved' })).toBe(false);
});
