/**
 * The scripts of the sweep. TAKE_DUE runs on an index key (its own slot); the others on one secret's slot
 * (KEYS `<prefix>{<id>}:s`, then `:r` or the file record), re-checking the times themselves, since an index
 * entry is only a hint of when to look: it may be early (then the script answers 'later' with the real
 * time, to index again) or stale (then 'absent'). Field names and reply conventions: `redis-lua.ts`.
 */

/**
 * KEYS index. ARGV: now, limit. Removes and returns the members due by `now`: each goes to exactly one
 * caller, so nodes sweeping at once share the work and report each removal once.
 */
const TAKE_DUE = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return due
`;

/**
 * KEYS s, r. ARGV: now, grace. Deletes the secret (staged or live) once expired by the caller's clock, marks
 * a pending receipt 'expired' (ended at the expiry), and deletes the file records no grant still needs.
 * Returns {'expired', deleted, kept, forgetAt|''} | {'later', expiresAt} | {'absent'}; forgetAt, when this
 * ended the receipt, is when it is forgotten (earlier than indexed at create for an abandoned upload).
 */
const EXPIRE = `
local s, r, now = KEYS[1], KEYS[2], tonumber(ARGV[1])
local f = redis.call('HMGET', s, 'ea', 'bl')
if not f[1] then return {'absent'} end
if tonumber(f[1]) > now then return {'later', f[1]} end
redis.call('DEL', s)
local forget = ''
if redis.call('HGET', r, 'st') == 'pending' then
  redis.call('HSET', r, 'st', 'expired', 'vl', 0, 'en', f[1])
  forget = num(forgetAt(r))
end
local deleted, kept = {}, {}
settle(s, split(f[2]), nil, now, tonumber(ARGV[2]), true, deleted, kept)
return {'expired', table.concat(deleted, ','), table.concat(kept, ','), forget}
`;

/**
 * KEYS s, r. ARGV: now, grace. Deletes the receipt (and its download log) once forgotten. A secret still
 * there is long expired (a pending receipt is forgotten only after its expiry) and no expire step took it:
 * it is expired here, in the same step, and reported so. Returns {'purged', expired '1'|'0', receiptHash|'',
 * deleted, kept} | {'later', forgetAt} | {'absent'}.
 */
const PURGE = `
local s, r, now = KEYS[1], KEYS[2], tonumber(ARGV[1])
local forget = forgetAt(r)
if not forget then return {'absent'} end
if forget > now then return {'later', num(forget)} end
local expired, deleted, kept = '0', {}, {}
local f = redis.call('HMGET', s, 'ea', 'bl')
if f[1] then
  redis.call('DEL', s)
  expired = '1'
  settle(s, split(f[2]), nil, now, tonumber(ARGV[2]), true, deleted, kept)
end
local hash = redis.call('HGET', r, 'rh') or ''
redis.call('DEL', r)
return {'purged', expired, hash, table.concat(deleted, ','), table.concat(kept, ',')}
`;

/**
 * KEYS s, file. ARGV: now, grace. Deletes the file record once nothing needs it (file-rules.ts fileNeeded).
 * Returns {'deleted'} | {'later', keepUntil} | {'absent'}.
 */
const CHECK_FILE = `
local now = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 0 then return {'absent'} end
local keep = neededUntil(KEYS[2], viewsExpireAt(KEYS[1], now), now)
if keep then
  keepFor(KEYS[2], keep - now + tonumber(ARGV[2]))
  return {'later', num(keep)}
end
redis.call('DEL', KEYS[2])
return {'deleted'}
`;

/** KEYS a pointer. ARGV: ms. Moves its native expiry to at least `ms` from now (never earlier). */
const KEEP_POINTER = `
keepFor(KEYS[1], tonumber(ARGV[1]))
return 1
`;

export const SWEEP_SCRIPTS = {
  blTakeDue: { keys: 1, lua: TAKE_DUE },
  blExpire: { keys: 2, lua: EXPIRE },
  blPurge: { keys: 2, lua: PURGE },
  blCheckFile: { keys: 2, lua: CHECK_FILE },
  blKeepPointer: { keys: 1, lua: KEEP_POINTER },
};
