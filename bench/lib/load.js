// One load tool for every side of a comparison: autocannon, driven from this process.
import autocannon from 'autocannon';

/**
 * Runs `requests` (autocannon request objects) against `url` and returns requests/s, p99 latency (ms),
 * and the count of non-2xx answers.
 */
export async function load(url, { connections = 64, duration = 10, requests, amount, onResponse } = {}) {
  const options = { url, connections, requests };
  if (amount) options.amount = amount;
  else options.duration = duration;
  if (onResponse) options.setupClient = (client) => client.on('response', onResponse);
  const started = performance.now();
  const result = await autocannon(options);
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    // Total over elapsed time: autocannon's own figures assume whole seconds, wrong for runs bounded by `amount`.
    rps: result.requests.total / elapsedSeconds,
    total: result.requests.total,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export const fmt = (n, digits = 0) => Number(n).toFixed(digits);
