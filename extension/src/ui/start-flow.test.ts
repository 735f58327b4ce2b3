import { expect, test } from 'bun:test';
import { canStart, reduceStart, type StartState } from './start-flow';

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
  };
  expect(reduceStart(starting, { type: 'close' })).toBe(starting);
  expect(reduceStart(starting, { type: 'started' }).kind).toBe('closed');
});
