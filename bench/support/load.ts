import http from 'node:http';
import { median, percentile } from '../bench-result.js';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  /** CPU ms the measured server process used per answered request (when `LoadOptions.cpuMs` is given; else NaN). */
  cpuMsPerRequest: number;
}

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** A new body (and headers) for each request, instead of `body` every time (e.g. a fresh signed webhook). */
  next?: () => { body: string; headers?: Record<string, string> };
  /** The server process's CPU time so far, in ms (BenchProcess.cpuMs): read before and after the load. */
  cpuMs?: () => number;
}

/**
 * A closed-loop HTTP load: `connections` keep-alive clients each send the next POST
 * as soon as the previous answered, for `seconds`. Records every latency.
 */
export async function postLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const body = Buffer.from(options.body);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const cpuBefore = options.cpuMs?.() ?? Number.NaN;
  const start = performance.now();

  const once = () =>
    new Promise<void>((resolve) => {
      const fresh = options.next?.();
      const payload = fresh ? Buffer.from(fresh.body) : body;
      const t0 = performance.now();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': payload.length, ...options.headers, ...fresh?.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(payload);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = options.cpuMs?.() ?? Number.NaN;
  agent.destroy();
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
    errors,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / latencies.length,
  };
}

/** Runs `rounds` loads after a warm-up and keeps the median round (by requests/s). */
export async function medianLoad(options: LoadOptions, rounds = 3): Promise<LoadResult & { rounds: number }> {
  await postLoad({ ...options, seconds: Math.min(2, options.seconds) });
  const results: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) results.push(await postLoad(options));
  const mid = median(results.map((r) => r.rps));
  const chosen = results.reduce((best, r) => (Math.abs(r.rps - mid) < Math.abs(best.rps - mid) ? r : best));
  return { ...chosen, rounds };
}

/**
 * Several loads measured side by side: a warm-up of each, then `rounds` rounds in which every
 * load runs once in turn (so a slow spell of a shared machine hits all of them alike); for each
 * load the median round (by requests/s).
 */
export async function interleavedLoads<K extends string>(loads: Record<K, LoadOptions>, rounds = 3): Promise<Record<K, LoadResult & { rounds: number }>> {
  const keys = Object.keys(loads) as K[];
  for (const k of keys) await postLoad({ ...loads[k], seconds: Math.min(2, loads[k].seconds) });
  const results = new Map<K, LoadResult[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) for (const k of keys) results.get(k)!.push(await postLoad(loads[k]));
  const out = {} as Record<K, LoadResult & { rounds: number }>;
  for (const k of keys) {
    const all = results.get(k)!;
    const mid = median(all.map((r) => r.rps));
    const chosen = all.reduce((best, r) => (Math.abs(r.rps - mid) < Math.abs(best.rps - mid) ? r : best));
    out[k] = { ...chosen, errors: all.reduce((n, r) => n + r.errors, 0), rounds };
  }
  return out;
}
