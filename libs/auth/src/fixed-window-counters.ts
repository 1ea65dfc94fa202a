import type { Redis } from 'ioredis';

/**
 * Checks every key against its limit and, only when all are under, counts one on each: one
 * atomic step, so N concurrent attempts can never all pass a check made before any was counted.
 * KEYS: the counters; ARGV: limit and window (ms) of each, in pairs. 0 = counted, i = key i is full.
 */
const RESERVE = `
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i * 2 - 1]) then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[i * 2], 'NX')
end
return 0`;

/** Fixed-window counters in Redis (rate limits): counts one on every key if all are under their limits. false when one is full (nothing counted). */
export async function reserveFixedWindows(redis: Redis, counters: { key: string; limit: number; windowMs: number }[]): Promise<boolean> {
  const full = Number(await redis.eval(RESERVE, counters.length, ...counters.map((c) => c.key), ...counters.flatMap((c) => [c.limit, c.windowMs])));
  return full === 0;
}
