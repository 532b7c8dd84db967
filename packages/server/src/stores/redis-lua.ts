/**
 * Lua shared by the Redis store's scripts (prepended to each). The rules are those of `file-rules.ts` and
 * `receipt-rules.ts`, written again in Lua because they must run inside the one atomic script.
 *
 * Secret fields (`{id}:s`): v verifier, lv link verifier (absent without passphrase), k kdf JSON ('' when
 * none), c content, f files JSON, sz content size, ea expires at, mv max views, vl views left, fa failed
 * attempts, ma max attempts, bl blob ids (comma-separated, payload order), sg '1' while staged; while
 * staged, ea is the upload deadline, xa the expiry the secret was created with and im the idle ms (absent
 * without an idle limit): `file-rules.ts` uploadDeadline. A restricted secret has rs (the restrictions text)
 * and keeps its verifier in rv instead of v, so that a node of an earlier version, whose claim script knows
 * no restrictions, finds no verifier and answers not_found rather than serving it unchecked; its verification
 * code: ch hash, ce expires at, ct tries left (absent when none is current), ci codes issued. A secret
 * without rs (also one stored before restrictions existed) is unrestricted: no layout upgrade is needed.
 * Receipt fields (`{id}:r`): st state, ca created at, ea, mv, vl, va view times (comma-separated), fa, ma,
 * pp has passphrase (0/1), en ended at ('' while pending; also set for viewed), rt retention ms, rh receipt
 * hash, bl, dl download log ('<file>:<at>' comma-separated).
 * File fields (`{id}:b:<blobId>`): i index, n length, o recorded offset, dn '1' once a finishUpload recorded
 * the length, wl / wu writer lease id / until; per grant hash h: g:h expires at, d:h '1' once delivered,
 * l:h / u:h reader lease id / until.
 *
 * Times come from the caller (ARGV) as decimal strings and are stored as sent; every script compares them
 * with the caller's `now` itself. Native expiry (relative, past the logical end by a grace period, never
 * shortened by `keepFor`) only reclaims memory when no node sweeps.
 *
 * Replies are arrays of strings: lists as comma-separated strings ('' when empty), files kept past this step
 * as 'blobId=keepUntil' items for the sweep index, which lives in another slot.
 */
export const LUA_HELPERS = `
local function num(x) return string.format('%.0f', x) end
-- Constant-time comparison of two byte strings (the bit library ships with Redis' Lua).
local function same(a, b)
  if not a or not b or #a ~= #b then return false end
  local d = 0
  for i = 1, #a do d = bit.bor(d, bit.bxor(string.byte(a, i), string.byte(b, i))) end
  return d == 0
end
local function split(text)
  local list = {}
  if text then for item in string.gmatch(text, '[^,]+') do list[#list + 1] = item end end
  return list
end
-- A file record's key from the secret's: '<prefix>{<id>}:s' -> '<prefix>{<id>}:b:<blobId>' (same slot).
local function fileKey(s, blobId) return string.sub(s, 1, -2) .. 'b:' .. blobId end
-- Native expiry at least ms from now: it is moved later, never earlier.
local function keepFor(key, ms)
  local ttl = redis.call('PTTL', key)
  if ttl >= 0 and ttl < ms then redis.call('PEXPIRE', key, num(ms)) end
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
-- The secret's expiry while it can still give views (staged or live, unexpired), else nil.
local function viewsExpireAt(s, now)
  local ea = tonumber(redis.call('HGET', s, 'ea'))
  if ea and ea > now then return ea end
  return nil
end
-- file-rules.ts uploadDeadline: the staged secret s made upload progress until from.
local function progressed(s, from)
  local f = redis.call('HMGET', s, 'ea', 'xa', 'im', 'sg')
  if not f[1] or not f[2] or not f[3] or not f[4] then return end
  local deadline = math.min(tonumber(f[2]), from + tonumber(f[3]))
  if deadline > tonumber(f[1]) then redis.call('HSET', s, 'ea', num(deadline)) end
end
-- 'staged' or 'sealed' while the secret of an upload exists and is unexpired, else nil (gone for uploads).
local function uploadStage(s, now)
  local f = redis.call('HMGET', s, 'ea', 'sg')
  if not f[1] or tonumber(f[1]) <= now then return nil end
  if f[2] then return 'staged' end
  return 'sealed'
end
-- file-rules.ts fileNeeded, with the time it holds until: the secret's expiry while it can give views, or
-- the latest expiry of a grant that can still deliver the file. nil when nothing needs the file now.
local function neededUntil(file, viewsUntil, now)
  local keep = viewsUntil or 0
  local fields = redis.call('HGETALL', file)
  local expiry, delivered = {}, {}
  for i = 1, #fields, 2 do
    local tag, hash = string.sub(fields[i], 1, 2), string.sub(fields[i], 3)
    if tag == 'g:' then expiry[hash] = tonumber(fields[i + 1]) elseif tag == 'd:' then delivered[hash] = true end
  end
  for hash, at in pairs(expiry) do
    if not delivered[hash] and at > now and at > keep then keep = at end
  end
  if keep > now then return keep end
  return nil
end
-- For each existing file record of blobs: when nothing needs it, deletes it (listed in deleted) if
-- mayDelete, else lists it as due now; otherwise keeps its native expiry past its keep time. Both go to kept
-- as 'blobId=time' for the sweep index.
local function settle(s, blobs, viewsUntil, now, grace, mayDelete, deleted, kept)
  for _, blobId in ipairs(blobs) do
    local file = fileKey(s, blobId)
    if redis.call('EXISTS', file) == 1 then
      local keep = neededUntil(file, viewsUntil, now)
      if keep then
        keepFor(file, keep - now + grace)
        kept[#kept + 1] = blobId .. '=' .. num(keep)
      elseif mayDelete then
        redis.call('DEL', file)
        deleted[#deleted + 1] = blobId
      else
        keepFor(file, grace)
        kept[#kept + 1] = blobId .. '=' .. num(now)
      end
    end
  end
end
`;
