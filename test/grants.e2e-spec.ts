import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSmtpCapture, type SmtpCapture } from '#testing';
import { GrantBatchService } from '#grants';
import { gql } from './support/gql.js';
import type { CostLineInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, GQL, GrantsWorld, NOW, PAYEE, pdf } from './support/grants-world.js';

const DOCUMENT_FILE = gql(`query GrantsDocumentFile($id: ID!) { grantDocumentFile(id: $id) { sha256 contentBase64 } }`);
const BATCH = gql(`query GrantsBatch($id: ID!) { grantBatch(id: $id) { status recordCount disbursements { status } } }`);

/**
 * The whole life of a grant through GraphQL: program, application by a member, review, two
 * approvers, payee, two payments in Zengin batches (the second final and smaller), certificate,
 * completion — and the foundation's books, the applicant's e-mails and the report at each step.
 */
describe('a training grant from application to completion', () => {
  let t: TestApp;
  let w: GrantsWorld;
  let smtp: SmtpCapture;
  let program: { id: string; code: string };
  let applicationId: string;
  const fund = () => `GRANT:${program.code}`;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await TestApp.start({ now: NOW, worker: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'grants@rentai.example.jp' } });
    w = await GrantsWorld.create(t);
    program = await w.program();
  });
  afterAll(async () => {
    try {
      await checkThenClose(t, ledgerBalances);
    } finally {
      await smtp?.close();
    }
  });

  it('a member applies with a quote and an enrolment confirmation and submits', async () => {
    const created = (await w.ok(GQL.create, { input: { programId: program.id, applicantNameKanji: '佐藤 花子', applicantNameKana: 'サトウ ハナコ', courseProvider: 'ケアスクール東京', courseName: '介護職員初任者研修', courseStartsOn: '2026-07-01', courseEndsOn: '2026-09-30', costs: [{ category: 'TUITION', amount: 100000 }, { category: 'TEXTBOOKS', amount: 20000 }] } }, w.member)).createGrantApplication;
    expect(created).toMatchObject({ status: 'DRAFT', applicantMemberId: w.memberId, email: w.member.email, requestedAmount: { amount: 120000 } });
    expect(created.code).toBe(`${program.code}-0001`);
    applicationId = created.id;

    const early = await t.gql(GQL.submit, { input: { id: applicationId } }, { token: w.member.token });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRANT_DOCUMENTS_MISSING' });

    const quote = pdf('quote');
    const attached = (await w.ok(GQL.attach, { input: { applicationId, kind: 'QUOTE', fileName: '見積書.pdf', ...quote } }, w.member)).attachGrantDocument;
    expect(attached).toMatchObject({ kind: 'QUOTE', sha256: quote.sha256 });
    await w.ok(GQL.attach, { input: { applicationId, kind: 'ENROLMENT_CONFIRMATION', fileName: '受講確認書.pdf', ...pdf('enrolment') } }, w.member);
    const file = await w.ok(DOCUMENT_FILE, { id: attached.id }, w.member);
    expect(file.grantDocumentFile).toEqual({ sha256: quote.sha256, contentBase64: quote.contentBase64 });

    const submitted = (await w.ok(GQL.submit, { input: { id: applicationId, comment: 'よろしくお願いします' } }, w.member)).submitGrantApplication;
    expect(submitted.status).toBe('SUBMITTED');
  });

  it('an officer reviews; approving takes two different approvers above the threshold, within the limits', async () => {
    await w.ok(GQL.startReview, { input: { id: applicationId } }, w.officer);
    const reviewed = (await w.ok(GQL.review, { input: { id: applicationId, checklist: [{ item: '受講確認', ok: true }], recommendedAmount: 115000, comment: '教材費は一部のみ' } }, w.officer)).reviewGrantApplication;
    expect(reviewed).toMatchObject({ status: 'UNDER_REVIEW', reviewedBy: w.officer.userId });

    const costs: CostLineInput[] = [{ category: 'TUITION', amount: 100000 }, { category: 'TEXTBOOKS', amount: 15000 }];
    const first = (await w.ok(GQL.approve, { input: { id: applicationId, costs, comment: '一次決裁' } }, w.approver)).approveGrantApplication;
    expect(first).toMatchObject({ status: 'UNDER_REVIEW', awaitingSecondApproval: true, firstApprovedBy: w.approver.userId, awardedAmount: { amount: 0 } });
    expect(await w.balance(AccountCode.GrantExpense, fund())).toBe(0n);

    const same = await t.gql(GQL.approve, { input: { id: applicationId, costs } }, { token: w.approver.token });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'GRANT_SAME_APPROVER' });

    const second = (await w.ok(GQL.approve, { input: { id: applicationId, costs, comment: 'おめでとうございます' } }, w.approver2)).approveGrantApplication;
    expect(second).toMatchObject({ status: 'APPROVED', decidedBy: w.approver2.userId, approvedAmount: { amount: 115000 }, awardedAmount: { amount: 115000 } });
    expect(second.approvedCosts).toEqual([
      { category: 'TUITION', amount: { amount: 100000 } },
      { category: 'TEXTBOOKS', amount: { amount: 15000 } },
    ]);
    // Dr grant expense / Cr grants payable, in the foundation's book, on the program's fund.
    expect(await w.balance(AccountCode.GrantExpense, fund())).toBe(115000n);
    expect(await w.balance(AccountCode.GrantsPayable, fund())).toBe(-115000n);
    const budget = (await w.ok(GQL.program, { id: program.id }, w.officer)).grantProgram.budget;
    expect(budget).toEqual({ budget: { amount: 1000000 }, committed: { amount: 115000 }, disbursed: { amount: 0 }, remaining: { amount: 885000 } });
  });

  it('e-mails the applicant the decision in their language', async () => {
    await t.flushOutbox();
    const mail = await smtp.waitFor((m) => m.to.includes(w.member.email) && m.subject.includes('助成が決定しました'), 15000);
    expect(mail.text).toContain('決定額: ￥115,000');
    expect(mail.text).toContain('おめでとうございます');
  });

  it('pays to the provider in two Zengin batches; the smaller final payment releases the rest', async () => {
    const payee = (await w.ok(GQL.setPayee, { input: { applicationId, ...PAYEE } }, w.officer)).setGrantPayee;
    expect(payee).toMatchObject({ bankName: 'ミズホ', branchName: 'マルノウチチユウオウ', holderName: 'ｶ)ｹｱｽｸ-ﾙﾄｳｷﾖｳ' });

    await w.ok(GQL.schedule, { input: { applicationId, amount: 100000 } }, w.officer);
    const over = await t.gql(GQL.schedule, { input: { applicationId, amount: 15001 } }, { token: w.officer.token });
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRANT_EXCEEDS_PAYABLE' });

    const batch = (await w.ok(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-06-19' } }, w.officer)).createGrantBatch;
    expect(batch).toMatchObject({ status: 'OPEN', recordCount: 1, totalAmount: { amount: 100000 } });
    const exported = (await w.ok(GQL.exportBatch, { id: batch.id }, w.officer)).exportGrantBatch;
    expect(exported.status).toBe('EXPORTED');
    const file = (await w.ok(GQL.batchFile, { id: batch.id }, w.officer)).grantBatchFile;
    const bytes = Buffer.from(file.contentBase64, 'base64');
    expect(bytes.length).toBe(4 * 122);
    const records = bytes.toString('latin1').split('\r\n').filter(Boolean);
    expect(records.map((r) => r[0])).toEqual(['1', '2', '8', '9']);
    expect(records[0].slice(54, 58)).toBe('0619');
    expect(records[1].slice(80, 90)).toBe('0000100000');
    expect(records[2].slice(1, 19)).toBe('000001000000100000');

    // An exported batch is frozen, in the database too.
    await expect(t.db.query(`UPDATE grant_batches SET record_count = 2 WHERE id = $1`, [batch.id])).rejects.toThrow(/exported/);

    // Reconciliation finds the batch by the bank's single debit of its total on the transfer date.
    const candidates = await t.app.get(GrantBatchService).candidatesForDebit('2026-06-19', 100000n);
    expect(candidates.map((b) => b.id)).toEqual([batch.id]);
    const paid = (await w.ok(GQL.markPaid, { input: { batchId: batch.id, paidOn: '2026-06-19' } }, w.officer)).markGrantBatchPaid;
    expect(await t.app.get(GrantBatchService).candidatesForDebit('2026-06-19', 100000n)).toEqual([]);
    expect(paid).toMatchObject([{ status: 'PAID', paidOn: '2026-06-19' }]);
    expect((await w.ok(GQL.application, { id: applicationId }, w.officer)).grantApplication.status).toBe('DISBURSED');
    expect(await w.balance(AccountCode.Bank, fund())).toBe(-100000n);

    // The textbooks cost less: a final payment of 12,000 releases the other 3,000.
    await w.ok(GQL.schedule, { input: { applicationId, amount: 12000, final: true } }, w.officer);
    const batch2 = (await w.ok(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-06-22' } }, w.officer)).createGrantBatch;
    await w.ok(GQL.exportBatch, { id: batch2.id }, w.officer);
    await w.ok(GQL.markPaid, { input: { batchId: batch2.id, paidOn: '2026-06-22' } }, w.officer);
    const after = (await w.ok(GQL.application, { id: applicationId }, w.officer)).grantApplication;
    expect(after).toMatchObject({ status: 'DISBURSED', approvedAmount: { amount: 115000 }, awardedAmount: { amount: 112000 } });
    expect(await w.balance(AccountCode.GrantExpense, fund())).toBe(112000n);
    expect(await w.balance(AccountCode.GrantsPayable, fund())).toBe(0n);
    expect(await w.balance(AccountCode.Bank, fund())).toBe(-112000n);

    const csv = (await w.ok(GQL.batchCsv, { id: batch.id }, w.officer)).grantBatchListCsv;
    expect(csv).toContain('申請番号 / Application');
    expect(csv).toContain('ｶ)ｹｱｽｸ-ﾙﾄｳｷﾖｳ');
    const list = (await w.ok(GQL.batchPdf, { id: batch.id }, w.officer)).grantBatchListPdf;
    const dir = mkdtempSync(join(tmpdir(), 'grant-pdf-'));
    writeFileSync(join(dir, 'list.pdf'), Buffer.from(list.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'list.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('助成金振込一覧');
    expect(text).toContain('￥100,000');
    expect(text).toContain('0012345');

    // The payee's account changes later: the exported file stays as it was, and exporting again returns it unchanged.
    await w.ok(GQL.setPayee, { input: { applicationId, ...PAYEE, accountNumber: '7777777' } }, w.officer);
    const again = (await w.ok(GQL.exportBatch, { id: batch.id }, w.officer)).exportGrantBatch;
    expect(again.fileSha256).toBe(exported.fileSha256);
    expect((await w.ok(GQL.batchFile, { id: batch.id }, w.officer)).grantBatchFile.contentBase64).toBe(file.contentBase64);
  });

  it('completes once the certificate is in, and the report and grantee list tell where every yen went', async () => {
    const early = await t.gql(GQL.complete, { input: { id: applicationId } }, { token: w.officer.token });
    expect(early.errors?.[0].extensions).toMatchObject({ reason: 'GRANT_DOCUMENTS_MISSING' });
    await w.ok(GQL.attach, { input: { applicationId, kind: 'CERTIFICATE', fileName: '修了証.pdf', ...pdf('certificate') } }, w.member);
    const done = (await w.ok(GQL.complete, { input: { id: applicationId, comment: '修了証を受領' } }, w.officer)).completeGrantApplication;
    expect(done).toMatchObject({ status: 'COMPLETED', awardedAmount: { amount: 112000 } });

    const report = (await w.ok(GQL.report, { programId: program.id }, w.auditor)).grantProgramReport;
    expect(report).toMatchObject({
      budget: { budget: { amount: 1000000 }, committed: { amount: 0 }, disbursed: { amount: 112000 }, remaining: { amount: 888000 } },
      byStatus: [{ status: 'COMPLETED', count: 1, requested: { amount: 120000 } }],
      requested: { amount: 120000 },
      approved: { amount: 115000 },
      paid: { amount: 112000 },
    });
    expect(report.averageDaysToDecision).toBe(0);

    const staff = (await w.ok(GQL.grantees, { programId: program.id }, w.officer)).grantees;
    expect(staff).toEqual([{ code: `${program.code}-0001`, status: 'COMPLETED', applicantNameKanji: '佐藤 花子', awarded: { amount: 112000 }, paid: { amount: 112000 } }]);
    const admin = (await w.ok(GQL.grantees, { programId: program.id }, w.admin)).grantees;
    expect(admin[0].applicantNameKanji).toBeNull();
    const csv = (await w.ok(GQL.granteesCsv, { programId: program.id }, w.admin)).granteesCsv;
    expect(csv).not.toContain('佐藤');
    expect((await w.ok(GQL.granteesCsv, { programId: program.id }, w.officer)).granteesCsv).toContain('佐藤 花子');

    const moves: { action: string; comment: string | null }[] = await t.db.query(
      `SELECT action, after->>'comment' AS comment FROM audit_events WHERE entity_type = 'GrantApplication' AND entity_id = $1 ORDER BY id`,
      [applicationId],
    );
    expect(moves.map((m) => m.action)).toEqual(expect.arrayContaining(['grantApplication.submit', 'grantApplication.start_review', 'grantApplication.review', 'grantApplication.first_approve', 'grantApplication.approve', 'grantApplication.disburse', 'grantApplication.complete']));
    expect(moves.find((m) => m.action === 'grantApplication.complete')?.comment).toBe('修了証を受領');
  });

  it('a transfer the bank returns goes back to the queue, and a cancellation releases what was not paid', async () => {
    const app = await w.reviewed(program.id, { by: 'officer', overrides: { applicantNameKanji: '鈴木 一郎', applicantNameKana: 'スズキ イチロウ', costs: [{ category: 'TUITION', amount: 80000 }], locale: 'en' } });
    await w.ok(GQL.approve, { input: { id: app.id, costs: [{ category: 'TUITION', amount: 80000 }] } }, w.approver);
    await w.ok(GQL.setPayee, { input: { applicationId: app.id, ...PAYEE, kind: 'APPLICANT', holderName: 'スズキ イチロウ' } }, w.officer);
    await w.ok(GQL.schedule, { input: { applicationId: app.id, amount: 50000 } }, w.officer);
    const batch = (await w.ok(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-06-23' } }, w.officer)).createGrantBatch;
    await w.ok(GQL.exportBatch, { id: batch.id }, w.officer);
    const [paid] = (await w.ok(GQL.markPaid, { input: { batchId: batch.id, paidOn: '2026-06-23' } }, w.officer)).markGrantBatchPaid;
    const bankBefore = await w.balance(AccountCode.Bank, fund());

    const requeued = (await w.ok(GQL.returned, { input: { id: paid.id, reason: '口座名義相違', returnedOn: '2026-06-24' } }, w.officer)).returnGrantDisbursement;
    expect(requeued).toMatchObject({ status: 'SCHEDULED', amount: { amount: 50000 } });
    expect(await w.balance(AccountCode.Bank, fund())).toBe(bankBefore + 50000n);
    const frozen = (await w.ok(BATCH, { id: batch.id }, w.auditor)).grantBatch;
    expect(frozen).toEqual({ status: 'EXPORTED', recordCount: 1, disbursements: [{ status: 'RETURNED' }] });

    const expenseBefore = await w.balance(AccountCode.GrantExpense, fund());
    const cancelled = (await w.ok(GQL.cancel, { input: { id: app.id, comment: '受講辞退' } }, w.officer)).cancelGrantApplication;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', awardedAmount: { amount: 0 } });
    expect(await w.balance(AccountCode.GrantExpense, fund())).toBe(expenseBefore - 80000n);
    expect(await w.balance(AccountCode.GrantsPayable, fund())).toBe(0n);
    await t.flushOutbox();
    const mail = await smtp.waitFor((m) => m.subject.includes('Your application has been cancelled'), 15000);
    expect(mail.text).toContain('受講辞退');
  });

  it('an application returned for changes is corrected and submitted again; a rejection is e-mailed with its reason', async () => {
    const app = await w.reviewed(program.id, { by: 'officer', overrides: { locale: 'en', applicantNameKanji: '田中 健太', applicantNameKana: 'タナカ ケンタ' } });
    const returned = (await w.ok(GQL.requestChanges, { input: { id: app.id, comment: 'Please attach the quote dated this year' } }, w.officer)).requestGrantChanges;
    expect(returned.status).toBe('CHANGES_REQUESTED');
    const fixed = (await w.ok(GQL.update, { input: { id: app.id, costs: [{ category: 'TUITION', amount: 90000 }] } }, w.officer)).updateGrantApplication;
    expect(fixed).toMatchObject({ status: 'CHANGES_REQUESTED', requestedAmount: { amount: 90000 } });
    expect((await w.ok(GQL.submit, { input: { id: app.id, comment: 'quote replaced' } }, w.officer)).submitGrantApplication.status).toBe('SUBMITTED');
    await w.ok(GQL.startReview, { input: { id: app.id } }, w.officer2);
    const rejected = (await w.ok(GQL.reject, { input: { id: app.id, comment: 'The course is not on the list' } }, w.approver)).rejectGrantApplication;
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: w.approver.userId, awardedAmount: { amount: 0 } });
    const changed = await t.gql(GQL.update, { input: { id: app.id, courseName: 'x' } }, { token: w.officer.token });
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'GRANT_APPLICATION_NOT_EDITABLE' });
    await t.flushOutbox();
    await smtp.waitFor((m) => m.subject.includes('Please revise your application') && m.text.includes('quote dated this year'), 15000);
    const mail = await smtp.waitFor((m) => m.subject.includes('was not approved this time'), 15000);
    expect(mail.text).toContain('Dear 田中 健太');
    expect(mail.text).toContain('The course is not on the list');
  });
});
