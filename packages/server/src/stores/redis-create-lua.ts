/**
 * ARGV: secretTtlMs, receiptTtlMs, v, lv|'', k, c, f, sz, ea, mv, ma, ca, rt, rh, bl, sizes (comma-separated,
 * as bl), the secret's ea (the upload deadline while staged), im|'', rs|''. Returns 1, or 0 when the id or
 * one of the file records exists (nothing written). `createSecret(s, r, args)` is the Lua function that
 * CREATE (`redis-scripts.ts`) and a request's RESPOND (`redis-request-scripts.ts`) both run, with these
 * args first. A restricted secret keeps its verifier in rv, not v (see `redis-lua.ts`).
 */
export const CREATE_SECRET = `
local function createSecret(s, r, ARGV)
local blobs, sizes = split(ARGV[15]), split(ARGV[16])
if redis.call('EXISTS', s, r) > 0 then return 0 end
for _, blobId in ipairs(blobs) do
  if redis.call('EXISTS', fileKey(s, blobId)) == 1 then return 0 end
end
redis.call('HSET', s, 'k', ARGV[5], 'c', ARGV[6], 'f', ARGV[7], 'sz', ARGV[8], 'ea', ARGV[17],
  'mv', ARGV[10], 'vl', ARGV[10], 'fa', 0, 'ma', ARGV[11], 'bl', ARGV[15])
if ARGV[19] == '' then redis.call('HSET', s, 'v', ARGV[3]) else redis.call('HSET', s, 'rv', ARGV[3], 'rs', ARGV[19]) end
if ARGV[4] ~= '' then redis.call('HSET', s, 'lv', ARGV[4]) end
if #blobs > 0 then redis.call('HSET', s, 'sg', '1', 'xa', ARGV[9]) end
if #blobs > 0 and ARGV[18] ~= '' then redis.call('HSET', s, 'im', ARGV[18]) end
redis.call('PEXPIRE', s, ARGV[1])
local pp = 0
if ARGV[5] ~= '' then pp = 1 end
redis.call('HSET', r, 'st', 'pending', 'ca', ARGV[12], 'ea', ARGV[9], 'mv', ARGV[10], 'vl', ARGV[10],
  'va', '', 'fa', 0, 'ma', ARGV[11], 'pp', pp, 'en', '', 'rt', ARGV[13], 'rh', ARGV[14], 'bl', ARGV[15], 'dl', '')
redis.call('PEXPIRE', r, ARGV[2])
for i, blobId in ipairs(blobs) do
  local file = fileKey(s, blobId)
  redis.call('HSET', file, 'i', i - 1, 'n', sizes[i], 'o', 0)
  redis.call('PEXPIRE', file, ARGV[1])
end
return 1
end
`;
