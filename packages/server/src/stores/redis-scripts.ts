import { CREATE_SECRET } from './redis-create-lua.js';
import { LUA_HELPERS } from './redis-lua.js';
import { REQUEST_SCRIPTS } from './redis-request-scripts.js';
import { SWEEP_SCRIPTS } from './redis-sweep-scripts.js';
import { TRANSFER_SCRIPTS } from './redis-transfer-scripts.js';

/**
 * The scripts of a secret's own lifecycle: create, claim, burn, and the upgrade of an older layout. Each
 * runs atomically on the node that owns the secret's hash slot; KEYS[1] is `<prefix>{<id>}:s`, KEYS[2]
 * `<prefix>{<id>}:r`, and file records are reached by key names derived from KEYS[1] (`fileKey`): same hash
 * tag, same slot, which Redis and Valkey allow a script to touch. Field names and reply conventions:
 * `redis-lua.ts`.
 */

/** KEYS s, r. ARGV and reply: `CREATE_SECRET` (`redis-create-lua.ts`). */
const CREATE = `${CREATE_SECRET}return createSecret(KEYS[1], KEYS[2], ARGV)
`;

/** ARGV: bl. Deletes what a CREATE that returned 1 wrote, when another part of that create was refused. */
const UNDO_CREATE = `
redis.call('DEL', KEYS[1], KEYS[2])
for _, blobId in ipairs(split(ARGV[1])) do redis.call('DEL', fileKey(KEYS[1], blobId)) end
return 1
`;

/**
 * ARGV: now, verifier, linkVerifier|'', grace, grantHash|'', grantExpiresAt|'', gate ('1' when presented,
 * else ''), codeHash|''. Returns {'ok', content, kdf, files, viewsLeft, expiresAt, forgetAt|'', kept} |
 * {'not_found'} | {'duplicate_grant'} | {'wrong_token', attemptsLeft} | {'locked', forgetAt|'', deleted, kept}
 * | {'restricted', restrictions} | {'code_invalid', triesLeft}.
 *
 * An unrestricted secret (no rs, also every secret stored before restrictions existed) costs one field more
 * than before; the restrictions, the code and the verifier of a restricted secret are read only for it.
 */
const CLAIM = `
local s, r = KEYS[1], KEYS[2]
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[4])
local f = redis.call('HMGET', s, 'v', 'lv', 'k', 'ea', 'vl', 'fa', 'ma', 'sg', 'bl', 'rs')
if not f[4] or tonumber(f[4]) <= now or f[8] then return {'not_found'} end
local coded = false
if f[10] then
  -- Restrictions first, before the verifiers: nothing is consumed or counted until the service let it pass.
  if ARGV[7] == '' then return {'restricted', f[10]} end
  f[1] = redis.call('HGET', s, 'rv')
  -- Only a holder of the link may spend a code's tries: the link verifier, else the access verifier.
  if f[2] then
    if not same(f[2], ARGV[3]) then return {'not_found'} end
  elseif not f[1] or not same(f[1], ARGV[2]) then
    return {'not_found'}
  end
  if ARGV[8] ~= '' then
    local code = redis.call('HMGET', s, 'ch', 'ce', 'ct')
    local tries = tonumber(code[3] or '0')
    if not code[1] or tonumber(code[2]) <= now or tries <= 0 then return {'code_invalid', '0'} end
    if not same(code[1], ARGV[8]) then
      tries = tries - 1
      redis.call('HSET', s, 'ct', tries)
      return {'code_invalid', num(tries)}
    end
    coded = true
  end
end
if not f[1] then return {'not_found'} end
if f[2] and not same(f[2], ARGV[3]) then return {'not_found'} end
local hasReceipt = redis.call('EXISTS', r) == 1
local blobs = split(f[9])
local forget = ''
local deleted, kept = {}, {}
if same(f[1], ARGV[2]) then
  if ARGV[5] ~= '' then
    for _, blobId in ipairs(blobs) do
      if redis.call('HEXISTS', fileKey(s, blobId), 'g:' .. ARGV[5]) == 1 then return {'duplicate_grant'} end
    end
  end
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
  local viewsUntil = nil
  if left <= 0 then redis.call('DEL', s) else redis.call('HSET', s, 'vl', left); viewsUntil = tonumber(f[4]) end
  -- A code opens one view: the next needs a new one.
  if coded and left > 0 then redis.call('HDEL', s, 'ch', 'ce', 'ct') end
  if ARGV[5] ~= '' then
    for _, blobId in ipairs(blobs) do
      local file = fileKey(s, blobId)
      if redis.call('EXISTS', file) == 1 then redis.call('HSET', file, 'g:' .. ARGV[5], ARGV[6]) end
    end
  end
  -- The ok outcome carries no blob ids: files nobody needs any more are left to the sweep, due now.
  settle(s, blobs, viewsUntil, now, grace, false, deleted, kept)
  return {'ok', body[1], f[3], body[2], num(left), f[4], forget, table.concat(kept, ',')}
end
if f[3] == '' then return {'not_found'} end
local failed = tonumber(f[6]) + 1
local max = tonumber(f[7])
if failed >= max then
  redis.call('DEL', s)
  if hasReceipt then forget = finish(r, 'locked', now, grace, {'fa', failed}) end
  -- Grants of earlier views still deliver their files; the others go with the secret.
  settle(s, blobs, nil, now, grace, true, deleted, kept)
  return {'locked', forget, table.concat(deleted, ','), table.concat(kept, ',')}
end
redis.call('HSET', s, 'fa', failed)
if hasReceipt then redis.call('HSET', r, 'fa', failed) end
return {'wrong_token', num(max - failed)}
`;

/**
 * ARGV: now, grace, receiptHash. Returns {'unknown'} when the receipt is unknown, forgotten or not this
 * hash's, else {'known', ended '1'|'0', forgetAt|'', deleted}. A secret past its expiry that no sweep
 * removed yet is left to the sweep (which reports it as expired); every file record goes now.
 */
const BURN = `
local s, r = KEYS[1], KEYS[2]
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local forget = forgetAt(r)
if not forget or forget <= now then return {'unknown'} end
local f = redis.call('HMGET', r, 'st', 'rh', 'bl')
if f[2] and f[2] ~= ARGV[3] then return {'unknown'} end
local ended, newForget = '0', ''
if f[1] == 'pending' and viewsExpireAt(s, now) then
  redis.call('DEL', s)
  newForget = finish(r, 'burned', now, grace, {})
  ended = '1'
end
local deleted = {}
for _, blobId in ipairs(split(f[3])) do
  if redis.call('DEL', fileKey(s, blobId)) == 1 then deleted[#deleted + 1] = blobId end
end
return {'known', ended, newForget, table.concat(deleted, ',')}
`;

/**
 * KEYS s, r. Gives a secret stored before file records (layout 1: no `bl` field) what layout 2 keeps for
 * it. In layout 1 a secret reached the store only once its uploads were complete (the blob store staged it),
 * so each file gets a complete record (offset = length), alive as long as the secret. Idempotent: a secret
 * with `bl` is left alone. Returns {} when nothing was done, else {expiresAt, ttlMs, blobId…} for the
 * pointers and index entries in other slots.
 */
const UPGRADE_SECRET = `
local s, r = KEYS[1], KEYS[2]
local f = redis.call('HMGET', s, 'f', 'ea', 'bl')
if not f[1] or not f[2] or f[3] then return {} end
local files = cjson.decode(f[1])
for _, file in ipairs(files) do
  -- Blob ids were b64u then too; anything else could leave the slot (a brace) or break a list (a comma).
  if type(file.id) ~= 'string' or not string.match(file.id, '^[%w_-]+$') then return {} end
end
local blobs = {}
for i, file in ipairs(files) do
  local key = fileKey(s, file.id)
  redis.call('HSET', key, 'i', i - 1, 'n', num(file.size), 'o', num(file.size), 'dn', '1')
  local ttl = redis.call('PTTL', s)
  if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
  blobs[#blobs + 1] = file.id
end
local list = table.concat(blobs, ',')
redis.call('HSET', s, 'bl', list)
if redis.call('EXISTS', r) == 1 then redis.call('HSET', r, 'bl', list) end
if #blobs == 0 then return {} end
return {f[2], num(math.max(redis.call('PTTL', s), 1)), unpack(blobs)}
`;

/**
 * KEYS s. ARGV: now, hash, expiresAt, tries, maxIssued, verifier, linkVerifier|''. Stores the code of a live
 * restricted secret in its own hash (deleted with it), replacing the earlier one, and counts it in ci, when
 * the proof holds the link (the link verifier, else the access verifier). Returns 'ok' | 'not_found' | 'limit'.
 */
const ISSUE_CODE = `
local s = KEYS[1]
local f = redis.call('HMGET', s, 'ea', 'sg', 'rs', 'ci', 'rv', 'lv')
if not f[1] or tonumber(f[1]) <= tonumber(ARGV[1]) or f[2] or not f[3] then return 'not_found' end
if f[6] then
  if not same(f[6], ARGV[7]) then return 'not_found' end
elseif not f[5] or not same(f[5], ARGV[6]) then
  return 'not_found'
end
local issued = tonumber(f[4] or '0')
if issued >= tonumber(ARGV[5]) then return 'limit' end
redis.call('HSET', s, 'ch', ARGV[2], 'ce', ARGV[3], 'ct', ARGV[4], 'ci', issued + 1)
return 'ok'
`;

/** Every script of the store by command name (`defineCommand`), with its number of KEYS. */
export const REDIS_SCRIPTS = {
  blCreate: { keys: 2, lua: CREATE },
  blUndoCreate: { keys: 2, lua: UNDO_CREATE },
  blClaim: { keys: 2, lua: CLAIM },
  blIssueCode: { keys: 1, lua: ISSUE_CODE },
  blBurn: { keys: 2, lua: BURN },
  blUpgradeSecret: { keys: 2, lua: UPGRADE_SECRET },
  ...TRANSFER_SCRIPTS,
  ...SWEEP_SCRIPTS,
  ...REQUEST_SCRIPTS,
} satisfies Record<string, { keys: number; lua: string }>;

export type ScriptName = keyof typeof REDIS_SCRIPTS;

/** The Lua a script runs: the shared helpers, then its body. */
export function scriptSource(name: ScriptName): string {
  return LUA_HELPERS + REDIS_SCRIPTS[name].lua;
}
