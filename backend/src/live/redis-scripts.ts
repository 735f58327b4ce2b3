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

export const CAS_PLAYBACK = script(
  'casPlayback',
  `
local current = redis.call('GET', KEYS[1])
if not current then return {0, ''} end
if cjson.decode(current).seq ~= tonumber(ARGV[1]) then return {0, current} end
redis.call('SET', KEYS[1], ARGV[2])
return {1, ARGV[2]}`,
);

// Chat members are "<cursor>|<json without cursor>": the cursor is assigned here,
// and re-encoding the JSON in Lua (cjson) would lose float precision.
export const APPEND_CHAT = script(
  'appendChat',
  `
local earlier = redis.call('HGET', KEYS[1], ARGV[1])
if earlier then
  local found = redis.call('ZRANGE', KEYS[3], earlier, earlier, 'BYSCORE')
  return {0, found[1]}
end
local cursor = redis.call('INCR', KEYS[2])
local member = cursor .. '|' .. ARGV[2]
redis.call('ZADD', KEYS[3], cursor, member)
redis.call('HSET', KEYS[1], ARGV[1], cursor)
return {1, member}`,
);

// Read and delete in one step, so two instances can't both "remove" the same entry.
export const REMOVE_PARTICIPANT = script(
  'removeParticipant',
  `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw then redis.call('HDEL', KEYS[1], ARGV[1]) end
return raw`,
);

export const ALL_SCRIPTS = [INIT_PLAYBACK, CAS_PLAYBACK, APPEND_CHAT, REMOVE_PARTICIPANT];
