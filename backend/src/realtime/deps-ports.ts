/** Builds the hub's ports from the app's dependencies (auth, rooms in Postgres, live store). */
import { AuthError, verifyAccessToken } from '../auth/verify.ts';
import type { AppDeps } from '../deps.ts';
import { knockPorts } from '../knock/ports.ts';
import { createRoomRecord } from '../record/index.ts';
import { getRoomAccess } from '../rooms/access.ts';
import { createPresenceLog } from '../rooms/presence-log.ts';
import type { BackendPorts, RoomAccess } from './ports.ts';

export function realtimePorts(deps: AppDeps): BackendPorts {
  const presenceLog = createPresenceLog(deps.db);
  return {
    live: deps.live,
    record: createRoomRecord(deps.db, deps.dbKind),
    instanceId: deps.instanceId,
    now: deps.clock,
    roomIdleTtlMs: deps.config.roomIdleTtlSeconds * 1000,
    async verifyToken(token) {
      try {
        return { ok: true, user: await verifyAccessToken(token, deps) };
      } catch (error) {
        if (error instanceof AuthError) return { ok: false, message: error.message };
        throw error;
      }
    },
    async roomAccess(roomId, user): Promise<RoomAccess> {
      const access = await getRoomAccess(deps.db, roomId, user.id);
      if (!access) return { ok: false, code: 'not_found', message: 'No such room' };
      const { room } = access;
      if (room.closedAt !== null) {
        return { ok: false, code: 'room_closed', message: 'This room has been closed' };
      }
      if (access.isRevoked) {
        return { ok: false, code: 'revoked', message: 'The owner removed you from this room' };
      }
      if (!access.allowed) {
        return { ok: false, code: 'forbidden', message: 'You are not invited to this room' };
      }
      return {
        ok: true,
        room: { id: room.id, filmId: room.filmId, ownerId: room.ownerId },
        isOwner: access.isOwner,
      };
    },
    knocks: knockPorts(deps),
    recordPresence: ({ roomId, userId, connectionId, kind, at }) =>
      presenceLog.record({ roomId, userId, connectionId, event: kind, at }),
    logError: (message, error) =>
      deps.log.error(
        `[realtime] ${message}: ${error instanceof Error ? error.stack : String(error)}`,
      ),
  };
}
