import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BenchResult } from './bench-result.js';

/**
 * `npm run bench [-- name …]`: runs the benchmarks (all, or those named) and writes
 * bench/RESULTS.md. Not part of the test suite; figures are medians on this machine.
 */
const benches: Record<string, () => Promise<{ run: () => Promise<BenchResult> }>> = {
  'member-search': () => import('./member-search.bench.js'),
  'dues-issuance': () => import('./dues-issuance.bench.js'),
  receipts: () => import('./receipts.bench.js'),
  'stripe-webhook': () => import('./stripe-webhook.bench.js'),
  payments: () => import('./payments.bench.js'),
  reconciliation: () => import('./reconciliation.bench.js'),
  renewals: () => import('./renewals.bench.js'),
};

/** The in-process application contexts (CLI module) need a session secret like any start outside development. */
process.env.SESSION_SECRET ??= randomBytes(32).toString('hex');

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(benches);
const file = join(import.meta.dirname, '..', '..', 'bench', 'RESULTS.md');
/** Sections of benchmarks not run this time are kept from the previous RESULTS.md. */
const sections = new Map<string, string>();
if (existsSync(file)) {
  for (const part of readFileSync(file, 'utf8').split(/^(?=<!-- bench:)/m).slice(1)) {
    const key = /^<!-- bench:([\w-]+) -->/.exec(part)?.[1];
    if (key) sections.set(key, part.trim());
  }
}
for (const name of names) {
  const load = benches[name];
  if (!load) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
  process.stderr.write(`\n== ${name}\n`);
  const result = await (await load()).run();
  const when = new Date().toISOString().slice(0, 10);
  sections.set(name, `<!-- bench:${name} -->\n## ${result.name}\n\nMeasured ${when}.\n\n${result.markdown.trim()}`);
}

const header = `# Benchmark results

Written by \`npm run bench\` on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Medians of several runs where the benchmark allows; ratios are against a baseline measured in the same run.
`;
writeFileSync(file, `${header}\n${[...sections.values()].join('\n\n')}\n`);
process.stderr.write(`\nwrote ${file}\n`);
