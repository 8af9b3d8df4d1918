/**
 * The Lua scripts: every decision that must be atomic runs inside Redis, in one round trip, on Redis's own
 * clock (`TIME`), so client clocks never decide who holds a lease.
 *
 * A claim record is a hash `{prefix}:claim:<key>` with fields `s` (state: `in_progress` | `done`),
 * `h` (payload hash), `c` (the claim's token, which its job carries; while in progress), `t` (the current
 * holder's token), `f` (the holder's fence) and `u` (lease deadline, ms on the Redis clock). Fences come
 * from one counter per namespace, `{prefix}:fence`, so they only grow, whatever happens to the records.
 * The dispatcher owns the claim (it acquires, renews and completes it through the store); the queue
 * scripts only move stream entries.
 */

/** Milliseconds on the Redis server's clock. */
export const nowMs = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`

/**
 * Makes `token` the holder of `key`, under the claim `claim_token`, with the next fence, which it returns.
 * An in-progress record outlives its lease (until max(lease, dedup_window)) so a conflicting payload is
 * still recognised after a takeover window opened.
 */
const holdFn = `
local function hold(key, fences, claim_token, token, hash, lease, dedup_window)
  local fence = redis.call('INCR', fences)
  redis.call('HSET', key, 's', 'in_progress', 'h', hash, 'c', claim_token, 't', token, 'f', fence,
    'u', now_ms() + lease)
  redis.call('PEXPIRE', key, math.max(lease, dedup_window))
  return fence
end
`

/**
 * Claims `key` when absent, completed-but-expired (the key is gone: its TTL ran out), or in progress with a
 * lapsed lease: answers the new fence. Otherwise reports the existing state, or `conflict` when the stored
 * payload hash differs.
 */
const claimFn = `${holdFn}
local function claim(key, fences, hash, token, lease, dedup_window)
  local rec = redis.call('HMGET', key, 's', 'h', 'u')
  if rec[1] then
    if rec[2] ~= hash then return 'conflict' end
    if rec[1] == 'done' then return 'done' end
    if tonumber(rec[3]) > now_ms() then return 'in_progress' end
  end
  return hold(key, fences, token, token, hash, lease, dedup_window)
end
`

/** True when stream entry `id` is pending for `consumer`: a worker whose entry was reclaimed gives up on it. */
const heldFn = `
local function held(stream, group, id, consumer)
  return #redis.call('XPENDING', stream, group, id, id, 1, consumer) > 0
end
local function finish(stream, group, id)
  redis.call('XACK', stream, group, id)
  redis.call('XDEL', stream, id)
end
`

export interface ScriptDefinition {
  numberOfKeys: number
  lua: string
}

/**
 * KEYS: claim, fence. ARGV: hash, token, lease, dedup_window. Returns the fence when claimed, else the
 * status.
 */
export const claimScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}${claimFn}
return claim(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))`,
}

/**
 * KEYS: claim, jobs, fence. ARGV: hash, token, lease, dedup_window, job, raw, max_pending. Claims and, when
 * claimed, appends the job. Returns the fence when claimed, else the status; `full`, claiming nothing, when
 * the jobs stream (waiting and unacknowledged jobs: acknowledged ones are deleted) holds max_pending.
 */
export const claimAndEnqueueScript: ScriptDefinition = {
  numberOfKeys: 3,
  lua: `${nowMs}${claimFn}
if redis.call('XLEN', KEYS[2]) >= tonumber(ARGV[7]) then return 'full' end
local result = claim(KEYS[1], KEYS[3], ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
if type(result) == 'number' then redis.call('XADD', KEYS[2], '*', 'job', ARGV[5], 'raw', ARGV[6]) end
return result`,
}

/**
 * KEYS: claim, fence. ARGV: claim token, new token, hash, lease, dedup_window. Makes the new token the holder
 * of the claim the claim token belongs to, whatever the lease (see `IdempotencyStore.acquire`), or claims a
 * record that is gone again under it. Returns the new fence, else `done`, `in_progress` (another claim) or
 * `conflict`.
 */
export const acquireScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}${holdFn}
local rec = redis.call('HMGET', KEYS[1], 's', 'h', 'c')
if rec[1] then
  if rec[2] ~= ARGV[3] then return 'conflict' end
  if rec[1] == 'done' then return 'done' end
  if rec[3] ~= ARGV[1] then return 'in_progress' end
end
return hold(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))`,
}

/**
 * KEYS: claim. ARGV: token, dedup_window. Marks a held claim done, remembered for dedup_window ms; the
 * claim's token is no longer needed (nothing acquires a completed id).
 */
export const completeScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 's', 'done')
redis.call('HDEL', KEYS[1], 'c')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`,
}

/** KEYS: claim. ARGV: token. Forgets a claim still in progress under this token. */
export const releaseScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] or redis.call('HGET', KEYS[1], 's') ~= 'in_progress' then
  return 0
end
redis.call('DEL', KEYS[1])
return 1`,
}

/** KEYS: claim. ARGV: token, lease. Renews a held, in-progress claim to now + lease. */
export const extendScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `${nowMs}
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] or redis.call('HGET', KEYS[1], 's') ~= 'in_progress' then
  return 0
end
local lease = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'u', now_ms() + lease)
if redis.call('PTTL', KEYS[1]) < lease then redis.call('PEXPIRE', KEYS[1], lease) end
return 1`,
}

/**
 * KEYS: stream (jobs or retries). ARGV: group, id, consumer. The job is done: acknowledge and delete the
 * entry.
 */
export const ackScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `${heldFn}
if not held(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
finish(KEYS[1], ARGV[1], ARGV[2])
return 1`,
}

/**
 * KEYS: stream (jobs or retries), delayed. ARGV: group, id, consumer, delay, next job, raw. Parks the job
 * until now + delay, as one member: the job and the raw body joined by a newline (see codec.ts).
 */
export const retryScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}${heldFn}
if not held(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
finish(KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], now_ms() + tonumber(ARGV[4]), ARGV[5] .. '\\n' .. ARGV[6])
return 1`,
}

/**
 * KEYS: stream (jobs or retries), dead. ARGV: group, id, consumer, job, raw, error. Moves the entry to the
 * dead-letter stream.
 */
export const buryScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}${heldFn}
if not held(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
finish(KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], '*', 'job', ARGV[4], 'raw', ARGV[5], 'error', ARGV[6], 'failedAt', now_ms())
return 1`,
}

/**
 * KEYS: delayed, retries. ARGV: limit, group, consumer, count. Moves up to `limit` retries that are due onto
 * the retries stream (split into job and raw body at the first newline), then reads up to `count` retries
 * nobody was given yet for `consumer`, returned as `[id, fields]` entries. Reading them here, not with the
 * worker's blocking read, is what puts them ahead of new jobs, and costs no extra round trip per loop turn.
 */
export const promoteScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `${nowMs}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now_ms(), 'LIMIT', 0, tonumber(ARGV[1]))
for _, member in ipairs(due) do
  local cut = string.find(member, '\\n', 1, true)
  redis.call('XADD', KEYS[2], '*', 'job', string.sub(member, 1, cut - 1), 'raw', string.sub(member, cut + 1))
  redis.call('ZREM', KEYS[1], member)
end
local read = redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[3], 'COUNT', tonumber(ARGV[4]),
  'STREAMS', KEYS[2], '>')
if read then return read[1][2] end
return {}`,
}

/**
 * KEYS: stream (jobs or retries). ARGV: group, consumer, entry ids. Resets the idle time of the entries
 * this consumer still holds, so no other worker reclaims a job that is merely slow. Returns how many it
 * still holds.
 */
export const heartbeatScript: ScriptDefinition = {
  numberOfKeys: 1,
  lua: `${heldFn}
local kept = 0
for i = 3, #ARGV do
  if held(KEYS[1], ARGV[1], ARGV[i], ARGV[2]) then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    kept = kept + 1
  end
end
return kept`,
}

/**
 * KEYS: dead, jobs. ARGV: triples of dead-letter id, the job to run again and its raw body. A dead letter is
 * moved only if it still exists, so two concurrent replays never enqueue it twice.
 */
export const replayScript: ScriptDefinition = {
  numberOfKeys: 2,
  lua: `
local moved = 0
for i = 1, #ARGV, 3 do
  if redis.call('XDEL', KEYS[1], ARGV[i]) == 1 then
    redis.call('XADD', KEYS[2], '*', 'job', ARGV[i + 1], 'raw', ARGV[i + 2])
    moved = moved + 1
  end
end
return moved`,
}
