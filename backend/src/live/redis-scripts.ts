/**
 * The Lua scripts of the Redis live store. Lua runs atomically inside Redis, which makes
 * each operation atomic across backend instances without WATCH/MULTI retry loops (and a
 * MULTI would be unsafe anyway on an auto-pipelined connection other requests share).
 * Scripts are sent by SHA (EVALSHA); see `RedisLink.script` for the NOSCRIPT fallback.
 */
import { createHash } from 'node:crypto';

export interface LuaScript {
  name: string;
  source: string;
  sha: string;
}

function script(name: string, source: string): LuaScript {
  return { name, source, sha: createHash('sha1').update(source).digest('hex') };
}

export const INIT_PLAYBACK = script(
  'initPlayback',
  `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]`,
);

// The cache only moves forward: two instances caching states of one room in either order
// leave the newer one.
export const CACHE_PLAYBACK = script(
  'cachePlayback',
  `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).seq >= tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`,
);

// The participants' revision: above the previous one and above the clock (µs), so it keeps
// growing after Redis restarted empty and other instances can drop older presence lists.
const BUMP_REV = `
local function bump(key)
  local t = redis.call('TIME')
  local rev = math.max(tonumber(redis.call('GET', key) or '0') + 1, t[1] * 1000000 + t[2])
  redis.call('SET', key, string.format('%.0f', rev))
  return string.format('%.0f', rev)
end
`;

// The same rule as admitConnection in @kino/shared/room/presence (one contract suite checks
// both stores): the same user's same tab is replaced; past the tabs-per-member or the
// members-per-room limit the newcomer is refused.
// KEYS: participants, rev. ARGV: entry JSON, userId, clientId, connectionId, maxTabs, maxMembers.
export const JOIN_PARTICIPANT = script(
  'joinParticipant',
  `${BUMP_REV}
local all = redis.call('HGETALL', KEYS[1])
local replaced = {}
local own = 0
local members = {}
local memberCount = 0
for i = 1, #all, 2 do
  local entry = cjson.decode(all[i + 1])
  if all[i] == ARGV[4] then
    -- our own entry: a retried join that Redis had applied already
  elseif entry.userId == ARGV[2] and entry.clientId == ARGV[3] then
    table.insert(replaced, all[i])
  else
    if entry.userId == ARGV[2] then own = own + 1 end
    if not members[entry.userId] then
      members[entry.userId] = true
      memberCount = memberCount + 1
    end
  end
end
if own >= tonumber(ARGV[5]) then return {0, 'too_many_connections'} end
if own == 0 and memberCount >= tonumber(ARGV[6]) then return {0, 'room_full'} end
-- A tab replacing its own old connection was there already: no join to announce.
local reply = {1, '', (own == 0 and #replaced == 0) and 1 or 0}
for _, id in ipairs(replaced) do
  table.insert(reply, redis.call('HGET', KEYS[1], id))
  redis.call('HDEL', KEYS[1], id)
end
redis.call('HSET', KEYS[1], ARGV[4], ARGV[1])
reply[2] = bump(KEYS[2])
return reply`,
);

// KEYS: participants, rev. ARGV: connectionId, entry JSON.
export const PUT_PARTICIPANT = script(
  'putParticipant',
  `${BUMP_REV}
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return bump(KEYS[2])`,
);

// Read and delete in one step, so two instances can't both "remove" the same entry; says
// whether the user has another connection left. KEYS: participants, rev. ARGV: connectionId.
export const REMOVE_PARTICIPANT = script(
  'removeParticipant',
  `${BUMP_REV}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {0, redis.call('GET', KEYS[2]) or '0', 0} end
redis.call('HDEL', KEYS[1], ARGV[1])
local userId = cjson.decode(raw).userId
local last = 1
for _, other in ipairs(redis.call('HVALS', KEYS[1])) do
  if cjson.decode(other).userId == userId then
    last = 0
    break
  end
end
return {1, bump(KEYS[2]), last, raw}`,
);

// KEYS: participants, rev.
export const PRESENCE = script(
  'presence',
  `
local reply = {redis.call('GET', KEYS[2]) or '0'}
for _, raw in ipairs(redis.call('HVALS', KEYS[1])) do table.insert(reply, raw) end
return reply`,
);

// A token bucket (the same arithmetic as takeToken in @kino/shared/room/rate-limit), shared by
// every instance. KEYS: bucket. ARGV: perSecond, burst, now (ms), ttl (ms).
export const TAKE_TOKEN = script(
  'takeToken',
  `
local perSecond = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or burst
local at = tonumber(stored[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * perSecond)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.3f', math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return allowed`,
);

// A room event to each instance that watches the room (its set of peers), in one round trip,
// never back to the publisher of a `local` event: when every member is on the publisher's
// instance (room affinity) nothing is published at all. An inbox nobody listens to belongs to
// an instance that died (or is re-subscribing, and registers again before it resyncs): it
// leaves the set. KEYS: peers. ARGV: instance to skip (or ''), inbox channel prefix, payload.
export const ROOM_PUBLISH = script(
  'roomPublish',
  `
local sent = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if id ~= ARGV[1] then
    if redis.call('PUBLISH', ARGV[2] .. id, ARGV[3]) == 0 then
      redis.call('SREM', KEYS[1], id)
    else
      sent = sent + 1
    end
  end
end
return sent`,
);

// The room's watchers' revision lives a day past the last watch (a heartbeat renews it).
const PEERS_REV_TTL_MS = 86_400_000;

// Adds an instance to the room's watchers; when it was not one yet, bumps their revision and
// tells every other watcher in the same step (a '*watching' envelope, as bus-envelope.ts
// writes it), so none can go on believing it serves the room alone. Replies the revision, then
// the watchers. KEYS: peers, peers-rev. ARGV: instanceId, inbox channel prefix, roomId.
export const WATCH_ROOM = script(
  'watchRoom',
  `${BUMP_REV}
local added = redis.call('SADD', KEYS[1], ARGV[1]) == 1
local rev = redis.call('GET', KEYS[2])
if added or not rev then rev = bump(KEYS[2]) end
redis.call('PEXPIRE', KEYS[2], ${PEERS_REV_TTL_MS})
local peers = redis.call('SMEMBERS', KEYS[1])
if added then
  local notice = ARGV[3] .. '\\t' .. ARGV[1] .. '\\t' .. rev .. '\\t\\n{"type":"*watching"}'
  for _, id in ipairs(peers) do
    if id ~= ARGV[1] then redis.call('PUBLISH', ARGV[2] .. id, notice) end
  end
end
local reply = {rev}
for _, id in ipairs(peers) do table.insert(reply, id) end
return reply`,
);

// KEYS: peers, peers-rev. ARGV: instanceId.
export const UNWATCH_ROOM = script(
  'unwatchRoom',
  `${BUMP_REV}
if redis.call('SREM', KEYS[1], ARGV[1]) == 1 then bump(KEYS[2]) end
return 1`,
);

export const ALL_SCRIPTS = [
  WATCH_ROOM,
  UNWATCH_ROOM,
  ROOM_PUBLISH,
  INIT_PLAYBACK,
  CACHE_PLAYBACK,
  JOIN_PARTICIPANT,
  PUT_PARTICIPANT,
  REMOVE_PARTICIPANT,
  PRESENCE,
  TAKE_TOKEN,
];
