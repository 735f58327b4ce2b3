import { expect, test } from 'bun:test';
import { afterServerClose, isFatalError } from './close-policy';
import { initialRoomView } from './room-state';

test('errors the user must act on stop the connection; server trouble does not', () => {
  for (const code of ['forbidden', 'room_closed', 'unauthorized', 'room_full']) {
    expect(isFatalError(code)).toBe(true);
  }
  for (const code of ['unavailable', 'internal', 'rate_limited']) {
    expect(isFatalError(code)).toBe(false);
  }
});

test('a final close code stops, keeping the error the server sent before it', () => {
  const view = { ...initialRoomView(), lastError: { code: 'forbidden', message: 'not invited' } };
  const outcome = afterServerClose(
    view,
    { code: 4003, reason: 'denied' },
    {
      everConnected: true,
      online: true,
    },
  );
  expect(outcome.stop).toBe(true);
  expect(outcome.view.lastError).toEqual({ code: 'forbidden', message: 'not invited' });
  const bare = afterServerClose(
    initialRoomView(),
    { code: 4010, reason: 'replaced' },
    {
      everConnected: true,
      online: true,
    },
  );
  expect(bare.view.lastError).toEqual({ code: '4010', message: 'replaced' });
});

test('any other close reconnects, saying how', () => {
  const view = initialRoomView();
  const close = { code: 1006, reason: '' };
  const at = (everConnected: boolean, online: boolean) =>
    afterServerClose(view, close, { everConnected, online });
  expect(at(true, true)).toEqual({ view: { ...view, status: 'reconnecting' }, stop: false });
  expect(at(false, true).view.status).toBe('connecting');
  expect(at(true, false).view.status).toBe('offline');
});
