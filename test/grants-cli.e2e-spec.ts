import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GrantsDemo } from '#grants';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW } from './support/grants-world.js';

describe('grants CLI', () => {
  let t: TestApp;
  let batchId: string;
  const dir = mkdtempSync(join(tmpdir(), 'grants-cli-'));

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    batchId = (await t.app.get(GrantsDemo).seed()).batchId;
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('writes the exported Zengin file byte for byte as stored, and the signature list as CSV', async () => {
    const out = join(dir, 'zengin.txt');
    const run = await runCli(t.app, ['grants:batch-file', '--batch', batchId, '--out', out]);
    expect(run.exitCode).toBe(0);
    const [stored] = await t.db.query(`SELECT file, file_sha256 FROM grant_batches WHERE id = $1`, [batchId]);
    expect(readFileSync(out).equals(stored.file)).toBe(true);
    expect(run.stderr).toContain(stored.file_sha256);

    const csv = join(dir, 'list.csv');
    expect((await runCli(t.app, ['grants:batch-list', '--batch', batchId, '--format', 'csv', '--out', csv])).exitCode).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('合計 / Total');
  });
});
