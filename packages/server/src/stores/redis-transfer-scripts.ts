/**
 * The scripts of uploads and downloads: each one atomic step on the secret's slot. KEYS (in this order, as
 * far as a script needs them): `<prefix>{<id>}:s`, `<prefix>{<id>}:r`, `<prefix>{<id>}:b:<blobId>`; the
 * caller found `<id>` through the blob's pointer. Field names and reply conventions: `redis-lua.ts`; the
 * rules: `file-rules.ts` and the memory store's `memory-transfers.ts`.
 *
 * An upload exists while its secret does (staged or live, unexpired): once the secret is gone, its file
 * record only serves grants, and every upload script answers as for an unknown upload.
 */

/** KEYS s, file. ARGV: now. Returns {} when unknown, else {index, length, offset, sealed '1'|'0', ea}. */
const UPLOAD_STATE = `
local f = redis.call('HMGET', KEYS[2], 'i', 'n', 'o')
if not f[1] then return {} end
local stage = uploadStage(KEYS[1], tonumber(ARGV[1]))
if not stage then return {} end
local sealed = '0'
if stage == 'sealed' then sealed = '1' end
return {f[1], f[2], f[3], sealed, redis.call('HGET', KEYS[1], 'ea')}
`;

/**
 * KEYS s, file. ARGV: now, offset, leaseId, leaseUntil. Returns {'ok', index, length, offset} | {'not_found'}
 * | {'sealed', length} | {'busy', offset} | {'offset_mismatch', offset}, checked in that order.
 */
const START_UPLOAD = `
local now = tonumber(ARGV[1])
local f = redis.call('HMGET', KEYS[2], 'i', 'n', 'o', 'wu')
if not f[1] then return {'not_found'} end
local stage = uploadStage(KEYS[1], now)
if not stage then return {'not_found'} end
if stage == 'sealed' then return {'sealed', f[2]} end
if f[4] and tonumber(f[4]) > now then return {'busy', f[3]} end
if tonumber(ARGV[2]) ~= tonumber(f[3]) then return {'offset_mismatch', f[3]} end
redis.call('HSET', KEYS[2], 'wl', ARGV[3], 'wu', ARGV[4])
progressed(KEYS[1], tonumber(ARGV[4]))
return {'ok', f[1], f[2], f[3]}
`;

/**
 * KEYS s, file. ARGV: now, leaseId, offset. Returns {'ok', offset, sealed '1'|'0', ea} | {'not_found'} |
 * {'lease_lost'} | {'bad_offset'} (outside [recorded, length]: nothing changes). The call that completes the
 * last upload makes the secret live in this same step.
 */
const FINISH_UPLOAD = `
local s, file, now = KEYS[1], KEYS[2], tonumber(ARGV[1])
local f = redis.call('HMGET', file, 'n', 'o', 'wl')
if not f[1] then return {'not_found'} end
local stage = uploadStage(s, now)
if not stage then return {'not_found'} end
if f[3] ~= ARGV[2] then return {'lease_lost'} end
local offset, length = tonumber(ARGV[3]), tonumber(f[1])
if offset < tonumber(f[2]) or offset > length then return {'bad_offset'} end
redis.call('HDEL', file, 'wl', 'wu')
-- A lease taken on a complete upload just before another upload sealed the secret: nothing to record.
if stage == 'sealed' then return {'ok', f[2], '0', redis.call('HGET', s, 'ea')} end
redis.call('HSET', file, 'o', ARGV[3])
if offset == length then redis.call('HSET', file, 'dn', '1') end
progressed(s, now)
for _, blobId in ipairs(split(redis.call('HGET', s, 'bl'))) do
  if redis.call('HGET', fileKey(s, blobId), 'dn') ~= '1' then
    return {'ok', ARGV[3], '0', redis.call('HGET', s, 'ea')}
  end
end
-- Live: the upload deadline no longer applies (the sweep index entry, earlier, answers 'later' and moves).
local xa = redis.call('HGET', s, 'xa')
if xa then redis.call('HSET', s, 'ea', xa) end
redis.call('HDEL', s, 'sg', 'xa', 'im')
return {'ok', ARGV[3], '1', redis.call('HGET', s, 'ea')}
`;

/**
 * KEYS s, r, file. ARGV: now, grace. Returns {'cancelled', forgetAt|'', deleted} | {'sealed'} | {'not_found'}.
 */
const CANCEL_UPLOAD = `
local s, r, now = KEYS[1], KEYS[2], tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 0 then return {'not_found'} end
local stage = uploadStage(s, now)
if not stage then return {'not_found'} end
if stage == 'sealed' then return {'sealed'} end
local blobs = split(redis.call('HGET', s, 'bl'))
redis.call('DEL', s)
local forget = ''
if redis.call('EXISTS', r) == 1 then forget = finish(r, 'burned', now, tonumber(ARGV[2]), {}) end
local deleted = {}
for _, blobId in ipairs(blobs) do
  if redis.call('DEL', fileKey(s, blobId)) == 1 then deleted[#deleted + 1] = blobId end
end
return {'cancelled', forget, table.concat(deleted, ',')}
`;

/**
 * KEYS file. ARGV: now, grantHash, leaseId, leaseUntil. Returns {'ok', index, size} | {'in_progress'} |
 * {'not_found'}. The secret's own expiry does not matter: a grant is judged by its own.
 */
const START_DOWNLOAD = `
local now, h = tonumber(ARGV[1]), ARGV[2]
local f = redis.call('HMGET', KEYS[1], 'i', 'n', 'g:' .. h, 'd:' .. h, 'u:' .. h)
if not f[1] or not f[3] or f[4] or tonumber(f[3]) <= now then return {'not_found'} end
if f[5] and tonumber(f[5]) > now then return {'in_progress'} end
redis.call('HSET', KEYS[1], 'l:' .. h, ARGV[3], 'u:' .. h, ARGV[4])
return {'ok', f[1], f[2]}
`;

/**
 * KEYS s, r, file. ARGV: now, grantHash, leaseId, delivered '1'|'0', grace. Returns
 * {'ok', index, deleteBlob '1'|'0', keepUntil|''} | {'lease_lost'} | {'not_found'}. The holder's delivery
 * counts even if its lease or the grant expired while the last bytes went out; only a takeover voids it.
 */
const FINISH_DOWNLOAD = `
local s, r, file = KEYS[1], KEYS[2], KEYS[3]
local now, h = tonumber(ARGV[1]), ARGV[2]
local f = redis.call('HMGET', file, 'i', 'g:' .. h, 'd:' .. h, 'l:' .. h)
if not f[1] or not f[2] or f[3] then return {'not_found'} end
if f[4] ~= ARGV[3] then return {'lease_lost'} end
redis.call('HDEL', file, 'l:' .. h, 'u:' .. h)
if ARGV[4] ~= '1' then return {'ok', f[1], '0', ''} end
redis.call('HSET', file, 'd:' .. h, '1')
if redis.call('EXISTS', r) == 1 then
  local log = redis.call('HGET', r, 'dl')
  local event = f[1] .. ':' .. ARGV[1]
  if log and log ~= '' then log = log .. ',' .. event else log = event end
  redis.call('HSET', r, 'dl', log)
end
local keep = neededUntil(file, viewsExpireAt(s, now), now)
if keep then
  keepFor(file, keep - now + tonumber(ARGV[5]))
  return {'ok', f[1], '0', num(keep)}
end
redis.call('DEL', file)
return {'ok', f[1], '1', ''}
`;

/**
 * KEYS s, file. ARGV: grantHash|'' (the writer lease), leaseId, until. Returns 1, or 0 when lost. A writer
 * lease extended is upload progress (the deadline of a staged secret moves).
 */
const EXTEND_LEASE = `
local idField, untilField = 'wl', 'wu'
if ARGV[1] ~= '' then idField, untilField = 'l:' .. ARGV[1], 'u:' .. ARGV[1] end
if redis.call('HGET', KEYS[2], idField) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], untilField, ARGV[3])
if ARGV[1] == '' then progressed(KEYS[1], tonumber(ARGV[3])) end
return 1
`;

export const TRANSFER_SCRIPTS = {
  blUploadState: { keys: 2, lua: UPLOAD_STATE },
  blStartUpload: { keys: 2, lua: START_UPLOAD },
  blFinishUpload: { keys: 2, lua: FINISH_UPLOAD },
  blCancelUpload: { keys: 3, lua: CANCEL_UPLOAD },
  blStartDownload: { keys: 1, lua: START_DOWNLOAD },
  blFinishDownload: { keys: 3, lua: FINISH_DOWNLOAD },
  blExtendLease: { keys: 2, lua: EXTEND_LEASE },
};
