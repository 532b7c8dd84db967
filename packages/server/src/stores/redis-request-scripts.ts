import { CREATE_SECRET } from './redis-create-lua.js';

/**
 * The scripts of requests (`request-store.ts`). A request lives in `<prefix>{<id>}:q` (hash), in the slot of
 * its response secret's keys (`{<id>}:s`, `{<id>}:r`, file records), so that RESPOND checks the request and
 * creates the response in one script. Fields: st state, rh receipt hash, pk public key, ds description, rv
 * respond verifier, iv inbox verifier, ca created at, ea expires at, rl response ttl ms, rt retention ms, ow
 * owner (absent when null), aa answered at, en ended at, sk sealed key, pa purge at (`request-rules.ts`
 * `requestPurgeAt`, set by every state change). Native expiry: past pa by the grace period.
 */

/** KEYS q. ARGV: the fields as pairs, then ttlMs. Returns 1, or 0 when the id exists (nothing written). */
const CREATE_REQUEST = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = table.remove(ARGV)
redis.call('HSET', KEYS[1], unpack(ARGV))
redis.call('PEXPIRE', KEYS[1], ttl)
return 1
`;

/** Lua shared by RESPOND and BURN_REQUEST: the request's state at now, as `request-rules.ts` presents it. */
const REQUEST_HELPERS = `
local function requestState(q, now)
  local f = redis.call('HMGET', q, 'st', 'ea', 'pa')
  if not f[1] or tonumber(f[3]) <= now then return nil end
  if f[1] == 'waiting' and tonumber(f[2]) <= now then return 'expired' end
  return f[1]
end
`;

/**
 * KEYS q, s, r (all `{id}`). ARGV[1..19]: `createSecret`'s (the response, as CREATE), then now, respond
 * verifier, sealed key, grace. Returns {'ok', purgeAt, receiptHash} | {'not_found'} | {'answered'} | {'exists'} (the
 * response secret or one of its file records exists: nothing written). The `request-rules.ts` respondCheck
 * rule: a wrong verifier is not_found whatever the state.
 */
const RESPOND = `${CREATE_SECRET}${REQUEST_HELPERS}
local q = KEYS[1]
local now, grace = tonumber(ARGV[20]), tonumber(ARGV[23])
local state = requestState(q, now)
if not state or not same(redis.call('HGET', q, 'rv'), ARGV[21]) then return {'not_found'} end
if state == 'answered' then return {'answered'} end
if state ~= 'waiting' then return {'not_found'} end
if createSecret(KEYS[2], KEYS[3], ARGV) == 0 then return {'exists'} end
local f = redis.call('HMGET', q, 'ea', 'rl', 'rt')
local pa = math.max(tonumber(f[1]), now + tonumber(f[2])) + tonumber(f[3])
redis.call('HSET', q, 'st', 'answered', 'aa', ARGV[20], 'sk', ARGV[22], 'pa', num(pa))
keepFor(q, pa - now + grace)
return {'ok', num(pa), redis.call('HGET', q, 'rh')}
`;

/** KEYS q. ARGV: now, grace. Returns {'burned', purgeAt} | {'answered'} | {'not_found'}. */
const BURN_REQUEST = `${REQUEST_HELPERS}
local q = KEYS[1]
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = requestState(q, now)
if state == 'answered' then return {'answered'} end
if state ~= 'waiting' then return {'not_found'} end
local f = redis.call('HMGET', q, 'ea', 'rt')
local pa = math.max(tonumber(f[1]), now) + tonumber(f[2])
redis.call('HSET', q, 'st', 'burned', 'en', ARGV[1], 'pa', num(pa))
keepFor(q, pa - now + grace)
return {'burned', num(pa)}
`;

/**
 * KEYS q. ARGV: now. The sweep's step for one request taken from `index:requests`: a waiting request past
 * expiry becomes expired (ended at its expiry); a request past pa is deleted. Returns {expired '1'|'',
 * purged '1'|'', receiptHash, next time to look|''}, or {'', '', '', ''} when the key is gone.
 */
const SWEEP_REQUEST = `
local q = KEYS[1]
local now = tonumber(ARGV[1])
local f = redis.call('HMGET', q, 'st', 'ea', 'pa', 'rt', 'rh')
if not f[1] then return {'', '', '', ''} end
local expired, pa = '', tonumber(f[3])
if f[1] == 'waiting' and tonumber(f[2]) <= now then
  expired = '1'
  pa = tonumber(f[2]) + tonumber(f[4])
  redis.call('HSET', q, 'st', 'expired', 'en', f[2], 'pa', num(pa))
end
if pa <= now then
  redis.call('DEL', q)
  return {expired, '1', f[5], ''}
end
local next = pa
if f[1] == 'waiting' and expired == '' then next = tonumber(f[2]) end
return {expired, '', f[5], num(next)}
`;

export const REQUEST_SCRIPTS = {
  blCreateRequest: { keys: 1, lua: CREATE_REQUEST },
  blRespond: { keys: 3, lua: RESPOND },
  blBurnRequest: { keys: 1, lua: BURN_REQUEST },
  blSweepRequest: { keys: 1, lua: SWEEP_REQUEST },
} satisfies Record<string, { keys: number; lua: string }>;
