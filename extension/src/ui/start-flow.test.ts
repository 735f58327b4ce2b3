import { describe, expect, test } from 'bun:test';
import type { ApiError } from '../api/result';
import { setLocale, t } from '../i18n';
import { canStart, reduceStart, type StartState, startErrorMessage } from './start-flow';

const people = [
  { id: 'boris', name: 'Boris' },
  { id: 'vera', name: 'Vera' },
];

test('matches arrive all ticked; unticking all disables Start unless the link is open', () => {
  let state: StartState = reduceStart({ kind: 'loading' }, { type: 'matches', matches: people });
  expect(state.kind === 'choose' && state.selected).toEqual(['boris', 'vera']);
  state = reduceStart(state, { type: 'toggle', id: 'boris' });
  state = reduceStart(state, { type: 'toggle', id: 'vera' });
  expect(canStart(state)).toBe(false);
  expect(reduceStart(state, { type: 'start' })).toBe(state);
  state = reduceStart(state, { type: 'toggle-link-join' });
  expect(canStart(state)).toBe(true);
  expect(reduceStart(state, { type: 'start' }).kind).toBe('starting');
});

test('a starting room cannot be closed half-way', () => {
  const starting: StartState = {
    kind: 'starting',
    matches: people,
    selected: ['boris'],
    allowLinkJoin: false,
    schedule: { later: false, local: '' },
  };
  expect(reduceStart(starting, { type: 'close' })).toBe(starting);
  expect(reduceStart(starting, { type: 'started' }).kind).toBe('closed');
});

describe('what the panel says about a failure', () => {
  const error = (fields: Partial<ApiError>): ApiError => ({
    code: 'x',
    message: 'server says x',
    status: 400,
    ...fields,
  });

  test('quotas say when, in both languages', () => {
    const rooms = error({ code: 'quota_rooms', status: 429, retryAfterSeconds: 480 });
    setLocale('en');
    expect(startErrorMessage(rooms, t)).toBe(
      'You have started several rooms in a short while. You can start another in 8 min.',
    );
    setLocale('ru');
    expect(startErrorMessage(rooms, t)).toBe(
      'Вы создали несколько комнат за короткое время. Новую можно будет создать через 8 мин.',
    );
    const received = error({
      code: 'quota_invites_received',
      status: 429,
      retryAfterSeconds: 45,
      details: { people: [{ id: 'vera', name: 'Вера' }] },
    });
    expect(startErrorMessage(received, t)).toContain('получили: Вера');
    expect(startErrorMessage(received, t)).toContain('через 45 с');
    setLocale('en');
    expect(startErrorMessage(received, t)).toContain('for: Вера');
    expect(
      startErrorMessage(
        error({ code: 'quota_invites_sent', status: 429, retryAfterSeconds: 3600 }),
        t,
      ),
    ).toContain('in 60 min');
  });

  test('a film the cinema lost, a page that cannot be shared: each says so', () => {
    setLocale('en');
    for (const code of ['film_not_found', 'not_found']) {
      expect(startErrorMessage(error({ code, status: 404, message: 'Not found' }), t)).toBe(
        'The cinema does not know this film (any more). Reload the page and try again.',
      );
    }
    for (const code of ['invalid_body', 'no_film']) {
      expect(startErrorMessage(error({ code, status: 422 }), t)).toContain('cannot be shared');
    }
    setLocale('ru');
    expect(startErrorMessage(error({ code: 'not_found', status: 404 }), t)).toContain(
      'не знает этот фильм',
    );
    expect(startErrorMessage(error({ code: 'invalid_body', status: 422 }), t)).toContain(
      'нельзя поделиться',
    );
    setLocale('en');
  });

  test('an outage says when to retry; unknown errors keep the server message', () => {
    setLocale('en');
    const outage = error({ code: 'database_unavailable', status: 503, retryAfterSeconds: 2 });
    expect(startErrorMessage(outage, t)).toBe(
      'The Kino Vmeste server is partly down right now. Try again in 2 s.',
    );
    expect(startErrorMessage(error({ status: 503 }), t)).toContain('Try again in a moment');
    expect(startErrorMessage(error({ code: 'network', status: 0 }), t)).toBe(
      'The Kino Vmeste server is not reachable.',
    );
    expect(startErrorMessage(error({}), t)).toBe('Something went wrong: server says x');
    expect(
      startErrorMessage(error({ code: 'rate_limited', status: 429, retryAfterSeconds: 1 }), t),
    ).toBe('Too many requests in a row. Try again in 1 s.');
    setLocale('ru');
    expect(startErrorMessage(outage, t)).toBe(
      'Сервер «Кино Вместе» сейчас частично недоступен. Попробуйте через 2 с.',
    );
  });
});
