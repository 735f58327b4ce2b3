/**
 * The WebSocket's URL carries the room id as a routing hint (`/ws?room=<id>`), never the token:
 * a load balancer hashing it puts a room's members on one instance, so a room's events rarely
 * cross Redis (deploy/haproxy/kino.cfg: `balance url_param room`, consistent hashing). The
 * server ignores it; `hello` is what joins. A room id is no secret (it is in every join link).
 */
export const WS_ROOM_PARAM = 'room';
