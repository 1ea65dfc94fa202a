import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ActorService, Role } from '#auth';
import { GrantBatchService, GrantsDemo } from '#grants';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW } from './support/grants-world.js';

/**
 * The grant batch commands as the foundation's staff meet them: `--as` names who acts, the grant officer alone
 * creates a Zengin 総合振込 file (as the exportGrantBatch mutation allows), the creation is audited with them, grant
 * staff alone write the signature list (it shows the payees' accounts), and a refusal leaves nothing behind.
 */
describe('grants CLI', () => {
  let t: TestApp;
  let exportedId: string;
  let createdId: string;
  const staff = { officer: { userId: '', email: '' }, approver: { userId: '', email: '' }, auditor: { userId: '', email: '' } };
  const dir = mkdtempSync(join(tmpdir(), 'grants-cli-'));
  const cli = (...args: string[]) => runCli(t.app, args);

  const batchRow = async (id: string) => (await t.db.query(`SELECT status, file, file_sha256, exported_by FROM grant_batches WHERE id = $1`, [id]))[0];
  const exportEvents = async (id: string) =>
    t.db.query(`SELECT actor_user_id AS "actor" FROM audit_events WHERE action = 'grantBatch.export' AND entity_id = $1`, [id]);
  const auditCount = async () => Number((await t.db.query(`SELECT count(*) AS n FROM audit_events`))[0].n);

  /** Refused in both languages, exit code 1: no output file, the batch as it was, no audit row. */
  const refused = async (args: string[], out: string, batchId: string) => {
    const before = { batch: await batchRow(batchId), audit: await auditCount() };
    const run = await cli(...args);
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(run.stderr).toMatch(/^Refused \/ 実行できませんでした:/);
    expect(existsSync(out)).toBe(false);
    expect({ batch: await batchRow(batchId), audit: await auditCount() }).toEqual(before);
    return run.stderr;
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    const demo = await t.app.get(GrantsDemo).seed();
    exportedId = demo.batchId;
    for (const [key, role] of [['officer', Role.GRANT_OFFICER], ['approver', Role.GRANT_APPROVER], ['auditor', Role.AUDITOR]] as const) {
      staff[key] = await t.signIn(role);
    }
    // The demo leaves the APPROVED grant's payment queued: the officer puts it in a batch of its own, not yet exported.
    const [{ transfer_date: transferDate }] = await t.db.query(`SELECT to_char(transfer_date, 'YYYY-MM-DD') AS transfer_date FROM grant_batches WHERE id = $1`, [exportedId]);
    const officer = (await t.app.get(ActorService).staffByEmail(staff.officer.email))!;
    createdId = (await t.app.get(GrantBatchService).create(officer, { programId: demo.programId, transferDate })).id;
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('writes an exported batch’s Zengin file byte for byte as stored, and its signature list, for grant staff', async () => {
    const out = join(dir, 'zengin.txt');
    const run = await cli('grants:batch-file', '--batch', exportedId, '--out', out, '--as', staff.officer.email);
    expect(run.exitCode).toBe(0);
    const stored = await batchRow(exportedId);
    expect(readFileSync(out).equals(stored.file)).toBe(true);
    expect(run.stderr).toContain(stored.file_sha256);
    expect(run.stderr).toContain('exported earlier');
    // Exported once, by the demo's officer: writing it out again changes nothing.
    expect(await exportEvents(exportedId)).toHaveLength(1);

    const csv = join(dir, 'list.csv');
    expect((await cli('grants:batch-list', '--batch', exportedId, '--format', 'csv', '--out', csv, '--as', staff.approver.email)).exitCode).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('合計 / Total');
  });

  it('refuses an approver the creation of a batch file (the mutation is the officer’s): no file, the batch unexported, no audit row', async () => {
    const out = join(dir, 'approver.txt');
    const stderr = await refused(['grants:batch-file', '--batch', createdId, '--out', out, '--as', staff.approver.email], out, createdId);
    expect(stderr).toContain('This needs one of these roles: GRANT_OFFICER / この操作には次のいずれかの権限が必要です: GRANT_OFFICER');
    expect(await batchRow(createdId)).toMatchObject({ status: 'OPEN', file: null });
  });

  it('refuses the system (no --as) and the auditor, who hold no grant staff role, the file and the signature list', async () => {
    const out = join(dir, 'system.txt');
    expect(await refused(['grants:batch-file', '--batch', createdId, '--out', out], out, createdId)).toContain('GRANT_OFFICER');
    const list = join(dir, 'auditor.csv');
    expect(await refused(['grants:batch-list', '--batch', exportedId, '--format', 'csv', '--out', list, '--as', staff.auditor.email], list, exportedId)).toContain(
      'This needs one of these roles: GRANT_OFFICER, GRANT_APPROVER',
    );
  });

  it('lists every wrong option together: an unknown --as, a batch that does not exist, a format it does not know', async () => {
    const out = join(dir, 'nobody.csv');
    const stderr = await refused(['grants:batch-list', '--batch', 'B-1', '--format', 'xlsx', '--out', out, '--as', 'nobody@example.jp'], out, exportedId);
    expect(stderr.split('\n').filter((l) => l.startsWith('  --')).map((l) => l.split(':')[0].trim())).toEqual(['--as', '--batch', '--format']);
    expect(stderr).toContain('nobody@example.jp is not an active staff user');
    const file = join(dir, 'nobody.txt');
    expect(await refused(['grants:batch-file', '--batch', createdId, '--out', file, '--as', 'nobody@example.jp'], file, createdId)).toContain(
      'nobody@example.jp is not an active staff user / nobody@example.jp は有効な職員ユーザーではありません',
    );
  });

  it('creates the file as the officer named by --as: the batch is exported by them, audited with them, and written as stored', async () => {
    const out = join(dir, 'officer.txt');
    const run = await cli('grants:batch-file', '--batch', createdId, '--out', out, '--as', staff.officer.email);
    expect({ exitCode: run.exitCode, refused: run.stderr.includes('Refused') }).toEqual({ exitCode: 0, refused: false });
    expect(run.stderr).toContain('exported now');
    const stored = await batchRow(createdId);
    expect(stored).toMatchObject({ status: 'EXPORTED', exported_by: staff.officer.userId });
    expect(readFileSync(out).equals(stored.file)).toBe(true);
    expect(await exportEvents(createdId)).toEqual([{ actor: staff.officer.userId }]);
  });
});
