/**
 * The Lua scripts of the Redis store. The per-secret ones run atomically on the node that owns the secret's
 * hash slot: KEYS[1] is the secret hash `<prefix>{<id>}:s`, KEYS[2] its receipt hash `<prefix>{<id>}:r` — the
 * same `{id}` hash tag, so both live in one slot and one script may touch both, also on Redis Cluster.
 *
 * Secret fields: v verifier, lv link verifier (absent without passphrase), k kdf JSON ('' when none), c content,
 * f files JSON, sz content size, ea expires at, mv max views, vl views left, fa failed attempts, ma max attempts.
 * Receipt fields: st state, ca created at, ea expires at, mv, vl, va view times (comma-separated), fa, ma,
 * pp has passphrase (0/1), en ended at ('' while pending; also set for viewed), rt retention ms. The meaning
 * of these (lazy expiry, retention counted from `en`) is `receipt-rules.ts`'s, shared with every backend.
 *
 * Times come from the caller (ARGV) and are stored as the decimal strings the caller sent. Every script
 * checks `ea` / `en` + `rt` against the caller's `now` itself; native expiry (PEXPIRE, relative, with a grace
 * period, see `redis-store.ts`) only reclaims memory when no node sweeps.
 *
 * Scripts that end a receipt return its forget time (`en` + `rt`) so that the caller can update the sweep
 * index, which lives in another slot.
 */

const HELPERS = `
local function num(x) return string.format('%.0f', x) end
-- Constant-time comparison of two byte strings (the bit library ships with Redis' Lua).
local function same(a, b)
  if not a or not b or #a ~= #b then return false end
  local d = 0
  for i = 1, #a do d = bit.bor(d, bit.bxor(string.byte(a, i), string.byte(b, i))) end
  return d == 0
end
-- When a receipt is forgotten: retention after its end, or after its expiry while still pending.
local function forgetAt(r)
  local f = redis.call('HMGET', r, 'st', 'en', 'rt', 'ea')
  if not f[1] then return nil end
  if f[2] ~= '' then return tonumber(f[2]) + tonumber(f[3]) end
  return tonumber(f[4]) + tonumber(f[3])
end
-- Ends the receipt now (viewed, burned, locked): it is kept for its retention, then forgotten.
local function finish(r, state, now, grace, fields)
  redis.call('HSET', r, 'st', state, 'vl', 0, 'en', num(now), unpack(fields))
  local rt = tonumber(redis.call('HGET', r, 'rt'))
  redis.call('PEXPIRE', r, num(rt + grace))
  return num(now + rt)
end
`;

/** ARGV: secretTtlMs, receiptTtlMs, v, lv|'', k, c, f, sz, ea, mv, ma, ca, rt. Returns 1, or 0 if the id exists. */
export const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'k', ARGV[5], 'c', ARGV[6], 'f', ARGV[7], 'sz', ARGV[8],
  'ea', ARGV[9], 'mv', ARGV[10], 'vl', ARGV[10], 'fa', 0, 'ma', ARGV[11])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'lv', ARGV[4]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local pp = 0
if ARGV[5] ~= '' then pp = 1 end
redis.call('HSET', KEYS[2], 'st', 'pending', 'ca', ARGV[12], 'ea', ARGV[9], 'mv', ARGV[10], 'vl', ARGV[10],
  'va', '', 'fa', 0, 'ma', ARGV[11], 'pp', pp, 'en', '', 'rt', ARGV[13])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
`;

/**
 * ARGV: now, verifier, linkVerifier|'', grace. Returns {'ok', content, kdf, files, viewsLeft, expiresAt,
 * forgetAt|''} | {'not_found'} | {'wrong_token', attemptsLeft} | {'locked', forgetAt}.
 */
export const CLAIM_SCRIPT = `${HELPERS}
local s, r = KEYS[1], KEYS[2]
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[4])
local f = redis.call('HMGET', s, 'v', 'lv', 'k', 'ea', 'vl', 'fa', 'ma')
if not f[1] or tonumber(f[4]) <= now then return {'not_found'} end
if f[2] and not same(f[2], ARGV[3]) then return {'not_found'} end
local hasReceipt = redis.call('EXISTS', r) == 1
local forget = ''
if same(f[1], ARGV[2]) then
  local left = tonumber(f[5]) - 1
  local body = redis.call('HMGET', s, 'c', 'f')
  if hasReceipt then
    local va = redis.call('HGET', r, 'va')
    if va == '' then va = ARGV[1] else va = va .. ',' .. ARGV[1] end
    if left <= 0 then
      forget = finish(r, 'viewed', now, grace, {'va', va})
    else
      redis.call('HSET', r, 'vl', left, 'va', va)
    end
  end
  if left <= 0 then redis.call('DEL', s) else redis.call('HSET', s, 'vl', left) end
  return {'ok', body[1], f[3], body[2], num(left), f[4], forget}
end
if f[3] == '' then return {'not_found'} end
local failed = tonumber(f[6]) + 1
local max = tonumber(f[7])
if failed >= max then
  redis.call('DEL', s)
  if hasReceipt then forget = finish(r, 'locked', now, grace, {'fa', failed}) end
  return {'locked', forget}
end
redis.call('HSET', s, 'fa', failed)
if hasReceipt then redis.call('HSET', r, 'fa', failed) end
return {'wrong_token', num(max - failed)}
`;

/**
 * ARGV: now, grace. Returns {'unknown'} when the receipt is unknown or forgotten, {'known', forgetAt|''}
 * otherwise (forgetAt when this call ended it).
 */
export const BURN_SCRIPT = `${HELPERS}
local s, r = KEYS[1], KEYS[2]
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local forget = forgetAt(r)
if not forget or forget <= now then return {'unknown'} end
local st = redis.call('HMGET', r, 'st', 'ea')
if st[1] ~= 'pending' then return {'known', ''} end
redis.call('DEL', s)
if tonumber(st[2]) <= now then
  -- Already expired (the sweeper is late): it becomes 'expired', ended at its expiry.
  redis.call('HSET', r, 'st', 'expired', 'vl', 0, 'en', st[2])
  return {'known', ''}
end
return {'known', finish(r, 'burned', now, grace, {})}
`;

/**
 * ARGV: now. Deletes the secret if it has expired by the caller's clock and marks its receipt 'expired'.
 * Returns 1 when this call deleted it, else 0.
 */
export const EXPIRE_SCRIPT = `
local ea = redis.call('HGET', KEYS[1], 'ea')
if not ea or tonumber(ea) > tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
if redis.call('HGET', KEYS[2], 'st') == 'pending' then
  redis.call('HSET', KEYS[2], 'st', 'expired', 'vl', 0, 'en', ea)
end
return 1
`;

/**
 * ARGV: now. Deletes the receipt once forgotten. Returns {'purged'}, {'absent'}, or {'later', forgetAt} when
 * it is not due yet (the index entry was stale), for the caller to index it again.
 */
export const PURGE_SCRIPT = `${HELPERS}
local forget = forgetAt(KEYS[2])
if not forget then return {'absent'} end
if forget > tonumber(ARGV[1]) then return {'later', num(forget)} end
redis.call('DEL', KEYS[1], KEYS[2])
return {'purged'}
`;

/**
 * KEYS[1]: a sweep index (sorted set of ids by due time). ARGV: now, limit. Removes and returns the ids due by
 * `now`: each id goes to exactly one caller, so nodes sweeping at once share the work instead of repeating it.
 */
export const TAKE_DUE_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #ids > 0 then redis.call('ZREM', KEYS[1], unpack(ids)) end
return ids
`;
