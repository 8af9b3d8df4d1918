import { nowMs, type ScriptDefinition } from './scripts.js'

/**
 * The order-key scripts (the receiver's `orderKey` and `version` options). An order key is a hash
 * `{prefix}:order:<key>` under the namespace's hash tag, with fields `t` (the holder's token, while held),
 * `u` (its lease deadline, ms on the Redis clock) and `v` (the last version applied, as the decimal text
 * JavaScript wrote: Lua compares it as a number). Fences come from the claims' counter, `{prefix}:fence`.
 */

/**
 * KEYS: order, fence. ARGV: token, lease, retain. Holds the key for `token` unless another holder's lease
 * runs (`busy`); answers `{fence, version or nil}`. The record lives at least `retain` ms, so a holder
 * whose lease lapsed unused can still free it.
 */
export const holdOrderScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}
local rec = redis.call('HMGET', KEYS[1], 't', 'u', 'v')
local now = now_ms()
if rec[1] and tonumber(rec[2]) > now then return 'busy' end
local fence = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 't', ARGV[1], 'u', now + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[2]), tonumber(ARGV[3])))
return {fence, rec[3]}`,
}

/** KEYS: order. ARGV: token, lease. Renews the key `token` holds to now + lease. */
export const extendOrderScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `${nowMs}
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
local lease = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'u', now_ms() + lease)
if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
return 1`,
}

/**
 * KEYS: order. ARGV: token, version ('' for none), retain. Frees the key `token` holds, first recording the
 * version when greater than the recorded one (compare-and-set, in this one step); a key with a version is
 * remembered `retain` ms, one without is deleted.
 */
export const releaseOrderScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
local last = redis.call('HGET', KEYS[1], 'v')
if ARGV[2] ~= '' and (not last or tonumber(ARGV[2]) > tonumber(last)) then
  redis.call('HSET', KEYS[1], 'v', ARGV[2])
  last = ARGV[2]
end
if not last then
  redis.call('DEL', KEYS[1])
else
  redis.call('HDEL', KEYS[1], 't', 'u')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 1`,
}
