/** The sidebar's scheduled-screening actions, wired to the connection and the backend. */
import { pendingStart } from '@kino/shared/schedule';
import { t } from '../i18n';
import { sendToBackground } from '../messaging/send';
import type { RoomConnection } from '../room/connection';
import type { SidebarActions } from '../ui/room-model';
import { startErrorMessage } from '../ui/start-flow';

type ScheduleActions = Pick<
  SidebarActions,
  'serverNow' | 'startNow' | 'reschedule' | 'cancelScreening'
>;

export function scheduleActions(
  connection: RoomConnection,
  roomId: string,
  getToken: () => Promise<string | null>,
): {
  actions: ScheduleActions;
  /** Cancels the screening if it has not started: null when done, else why not. */
  cancelIfPending(): Promise<string | null>;
} {
  const failure = (error: Parameters<typeof startErrorMessage>[0]) =>
    t('scheduleFailed', { message: startErrorMessage(error, t) });
  const actions: ScheduleActions = {
    serverNow: () => connection.serverNow(),
    // An ordinary play from 0: the server anchors it now, which replaces the future anchor.
    startNow: () => connection.sendPlayback('play', 0),
    async reschedule(startsAt) {
      const token = await getToken();
      if (!token) return t('notSignedIn');
      const result = await sendToBackground({ type: 'reschedule-room', token, roomId, startsAt });
      return result.ok ? null : failure(result.error);
    },
    async cancelScreening() {
      const token = await getToken();
      if (!token) return t('notSignedIn');
      const result = await sendToBackground({ type: 'cancel-screening', token, roomId });
      return result.ok ? null : failure(result.error);
    },
  };
  return {
    actions,
    async cancelIfPending() {
      const waiting = pendingStart(connection.view.value.playback, connection.serverNow());
      return waiting === null ? 'not pending' : actions.cancelScreening();
    },
  };
}
