import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './bench-result.js';

/**
 * `npm run bench [-- name …]`: runs the benchmarks (all, or those named) and writes
 * bench/RESULTS.md. Not part of the test suite; figures are medians on this machine.
 */
const benches: Record<string, () => Promise<{ run: () => Promise<BenchResult> }>> = {
  'member-search': () => import('./member-search.bench.js'),
  'dues-issuance': () => import('./dues-issuance.bench.js'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(benches);
const sections: string[] = [];
for (const name of names) {
  const load = benches[name];
  if (!load) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
  process.stderr.write(`\n== ${name}\n`);
  const result = await (await load()).run();
  sections.push(`## ${result.name}\n\n${result.markdown.trim()}\n`);
}

const header = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Medians of several runs; ratios are against a baseline measured in the same run.
`;
const file = join(import.meta.dirname, '..', '..', 'bench', 'RESULTS.md');
writeFileSync(file, `${header}\n${sections.join('\n')}`);
process.stderr.write(`\nwrote ${file}\n`);
