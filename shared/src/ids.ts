/**
 * The shape of ids: the ones the server hands out (room ids: URL-safe, short)
 * and the cinema's own (users, films).
 * One rule for every boundary that receives one — HTTP route parameters, the join page,
 * `hello.roomId` — so an id that cannot exist (a NUL, a slash, 10 KB of text) is refused
 * as "not found" at the door instead of reaching the database.
 */

/** Room ids are 22 base64url characters today; tests and older rooms use shorter ones. */
export const ROOM_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const roomIdRegex = new RegExp(ROOM_ID_PATTERN);

/** Whether `value` has the shape of a room id (it may still name no room). */
export function isRoomIdShaped(value: string): boolean {
  return roomIdRegex.test(value);
}

/**
 * The cinema's own ids (users, films) as the backend accepts them: printable ASCII without
 * `/`, `%`, `?`, `#` or spaces. They travel in URL paths to the cinema's user API, so
 * anything else names nothing there.
 */
export const CINEMA_ID_MAX_LENGTH = 64;
export const CINEMA_ID_PATTERN = `^[A-Za-z0-9._~:@+=-]{1,${CINEMA_ID_MAX_LENGTH}}$`;
