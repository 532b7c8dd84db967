import type { Cluster, Redis } from 'ioredis';
import type { WindowedCounter } from '../plugins/upload-budget.js';

/** One key per counter: adds, starts the window on the first add, answers {total, ms left}. Capped below 2^31. */
const ADD = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
if total > 2000000000 then redis.call('SET', KEYS[1], 2000000000, 'KEEPTTL'); total = 2000000000 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {total, ttl}
`;

/**
 * A windowed counter in Redis (or Cluster: one key, one slot) shared by every node, beside the rate-limit
 * counters (`burnlink-rate-` keys, the native expiry ends the window). For the upload budget
 * (`plugins/upload-budget.ts`).
 */
export function redisCounter(client: Redis | Cluster): WindowedCounter {
  return {
    async add(key, amount, windowMs) {
      const [total, ttl] = (await client.eval(ADD, 1, `burnlink-rate-${key}`, amount, windowMs)) as [
        number,
        number,
      ];
      return { total, ttlMs: ttl };
    },
  };
}
