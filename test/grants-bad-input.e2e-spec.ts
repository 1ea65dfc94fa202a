import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { grantRole } from '#testing';
import { gql } from './support/gql.js';
import type { AttachGrantDocumentInput, CostLineInput, CreateGrantProgramInput, SetGrantPayeeInput } from './support/schema-types.js';
import { TestApp, type GqlResult } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { GQL, GrantsWorld, NOW, PAYEE, applicationInput, pdf, programInput } from './support/grants-world.js';

const UPDATE_PROGRAM = gql(`mutation GrantsBadInputUpdateProgram($input: UpdateGrantProgramInput!) { updateGrantProgram(input: $input) { id } }`);

/** Bad input: a clear field-level error (reason, field, message in the caller's language) and nothing changed. */
describe('grants refuse bad input and change nothing', () => {
  let t: TestApp;
  let w: GrantsWorld;
  let program: { id: string; code: string };
  let reviewed: { id: string };
  let approved: { id: string };

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await GrantsWorld.create(t);
    program = await w.program({ categories: ['TUITION', 'TEXTBOOKS'], maxPerAward: 150_000, maxPerPerson: 200_000, totalBudget: 400_000 });
    reviewed = await w.reviewed(program.id, { by: 'officer', overrides: { costs: [{ category: 'TUITION', amount: 160_000 }, { category: 'TEXTBOOKS', amount: 20_000 }] } });
    approved = await w.reviewed(program.id, { by: 'officer', overrides: { costs: [{ category: 'TUITION', amount: 50_000 }] } });
    await w.ok(GQL.approve, { input: { id: approved.id, costs: [{ category: 'TUITION', amount: 50_000 }] } }, w.approver);
    await w.ok(GQL.setPayee, { input: { applicationId: approved.id, ...PAYEE } }, w.officer);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  async function refused(res: GqlResult<unknown>, expected: { code?: string; reason?: string; field?: string }, messageJa?: RegExp) {
    expect(res.errors).toHaveLength(1);
    const ext = res.errors![0].extensions;
    expect(ext).toMatchObject({ code: expected.code ?? 'BAD_USER_INPUT', ...(expected.reason && { reason: expected.reason }) });
    if (expected.field) expect(ext.fields?.[0].field).toBe(expected.field);
    if (messageJa) expect(res.errors![0].message).toMatch(messageJa);
  }

  async function unchanged(work: () => Promise<void>) {
    const before = { counts: await w.counts(), apps: await t.db.query(`SELECT id, status, awarded_amount, first_approved_by, requested_amount FROM grant_applications ORDER BY id`) };
    await work();
    expect(await w.counts()).toEqual(before.counts);
    expect(await t.db.query(`SELECT id, status, awarded_amount, first_approved_by, requested_amount FROM grant_applications ORDER BY id`)).toEqual(before.apps);
  }

  const approve = (id: string, costs: CostLineInput[], token = w.approver.token, locale: 'ja' | 'en' = 'ja') =>
    t.gql(GQL.approve, { input: { id, costs } }, { token, locale });

  it('amounts over the per-award limit, over what was requested, or for a category not requested', async () => {
    await unchanged(async () => {
      await refused(await approve(reviewed.id, [{ category: 'TUITION', amount: 150_001 }]), { reason: 'GRANT_EXCEEDS_PER_AWARD', field: 'input.costs' }, /1件あたりの上限/);
      await refused(await approve(reviewed.id, [{ category: 'TEXTBOOKS', amount: 20_001 }]), { reason: 'GRANT_EXCEEDS_REQUESTED', field: 'input.costs' }, /申請額/);
      await refused(await approve(approved.id === reviewed.id ? '' : reviewed.id, [{ category: 'TUITION', amount: 100_000 }, { category: 'TUITION', amount: 1 }]), { reason: 'GRANT_DUPLICATE_CATEGORY', field: 'input.costs.1.category' });
    });
  });

  it('an award over the per-person limit of the fiscal year, and one beyond the budget', async () => {
    const again = await w.reviewed(program.id, { by: 'member', overrides: { costs: [{ category: 'TUITION', amount: 150_000 }] } });
    await w.ok(GQL.approve, { input: { id: again.id, costs: [{ category: 'TUITION', amount: 90_000 }] } }, w.approver);
    const third = await w.reviewed(program.id, { by: 'member', overrides: { costs: [{ category: 'TUITION', amount: 150_000 }] } });
    await unchanged(async () => {
      await refused(await approve(third.id, [{ category: 'TUITION', amount: 110_001 }]), { reason: 'GRANT_EXCEEDS_PER_PERSON', field: 'input.costs' }, /1人あたり年度上限/);
    });
    await w.ok(GQL.approve, { input: { id: third.id, costs: [{ category: 'TUITION', amount: 110_000 }] } }, w.approver);
    await w.ok(GQL.approve, { input: { id: third.id, costs: [{ category: 'TUITION', amount: 110_000 }] } }, w.approver2);
    // 400,000 budget: 50,000 + 90,000 + 110,000 awarded, 150,000 left.
    await unchanged(async () => {
      await refused(await approve(reviewed.id, [{ category: 'TUITION', amount: 150_000 }, { category: 'TEXTBOOKS', amount: 1 }], w.approver.token, 'en'), { reason: 'GRANT_EXCEEDS_PER_AWARD' });
      await t.db.query(`UPDATE grant_programs SET max_per_award = 400000 WHERE id = $1`, [program.id]);
      await refused(await approve(reviewed.id, [{ category: 'TUITION', amount: 150_000 }, { category: 'TEXTBOOKS', amount: 1 }], w.approver.token, 'en'), { reason: 'GRANT_EXCEEDS_BUDGET', field: 'input.costs' }, /left in the budget/);
      await t.db.query(`UPDATE grant_programs SET max_per_award = 150000 WHERE id = $1`, [program.id]);
    });
  });

  it('categories the program does not fund, an empty or non-katakana name, a course ending before it starts', async () => {
    await unchanged(async () => {
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { costs: [{ category: 'CHILDCARE', amount: 10_000 }] }) }, { token: w.member.token, locale: 'ja' }), { reason: 'GRANT_CATEGORY_NOT_IN_PROGRAM', field: 'input.costs.0.category' }, /対象外/);
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { applicantNameKana: 'さとう' }) }, { token: w.member.token }), { reason: 'GRANT_KANA_NAME', field: 'input.applicantNameKana' });
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { courseEndsOn: '2026-06-30' }) }, { token: w.member.token }), { reason: 'GRANT_COURSE_DATES', field: 'input.courseEndsOn' });
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, {}) }, { token: w.officer.token }), { reason: 'GRANT_APPLICANT_REQUIRED', field: 'input.email' });
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { courseStartsOn: '2026-02-30' }) }, { token: w.member.token }), { reason: 'VALIDATION_FAILED', field: 'input.courseStartsOn' });
      const nobody = '00000000-0000-4000-8000-000000000999';
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { email: 'x@example.jp', referralBranchId: nobody }) }, { token: w.officer.token }), { reason: 'GRANT_UNKNOWN_REFERENCE', field: 'input.referralBranchId' });
      await refused(await t.gql(GQL.create, { input: applicationInput(program.id, { email: 'x@example.jp', memberId: nobody }) }, { token: w.officer.token }), { reason: 'GRANT_UNKNOWN_REFERENCE', field: 'input.memberId' });
    });
  });

  it('a document with a wrong checksum, a type not accepted, content not of its type, or too large', async () => {
    const draft = (await w.ok(GQL.create, { input: applicationInput(program.id) }, w.member)).createGrantApplication;
    const good = pdf('q');
    const attach = (overrides: Partial<AttachGrantDocumentInput>) => t.gql(GQL.attach, { input: { applicationId: draft.id, kind: 'QUOTE', fileName: 'q.pdf', ...good, ...overrides } }, { token: w.member.token });
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(512 * 1024)]);
    await unchanged(async () => {
      await refused(await attach({ sha256: 'a'.repeat(64) }), { reason: 'GRANT_DOCUMENT_CHECKSUM', field: 'input.sha256' });
      await refused(await attach({ contentType: 'text/plain' }), { reason: 'VALIDATION_FAILED', field: 'input.contentType' });
      await refused(await attach({ contentType: 'image/png' }), { reason: 'GRANT_DOCUMENT_CONTENT', field: 'input.contentType' });
      await refused(await attach({ contentBase64: big.toString('base64'), sha256: createHash('sha256').update(big).digest('hex') }), { reason: 'GRANT_DOCUMENT_SIZE', field: 'input.contentBase64' });
      await refused(await attach({ contentBase64: '***' }), { reason: 'GRANT_DOCUMENT_ENCODING', field: 'input.contentBase64' });
    });
  });

  it('a holder name outside the Zengin set or longer than its field, an account number of the wrong length, an unknown bank or branch', async () => {
    const set = (overrides: Partial<SetGrantPayeeInput>, locale: 'ja' | 'en' = 'ja') => t.gql(GQL.setPayee, { input: { applicationId: approved.id, ...PAYEE, ...overrides } }, { token: w.officer.token, locale });
    const payeeBefore = await t.db.query(`SELECT * FROM grant_payees ORDER BY id`);
    await unchanged(async () => {
      await refused(await set({ holderName: '株式会社ケアスクール' }), { reason: 'GRANT_HOLDER_NAME_CHARACTERS', field: 'input.holderName' }, /株 式 会 社/);
      await refused(await set({ holderName: 'ｶ)ｹｱｽｸｰﾙ,ﾄｳｷｮｳ' }), { reason: 'GRANT_HOLDER_NAME_CHARACTERS', field: 'input.holderName' }, /,/);
      await refused(await set({ holderName: 'ガギグゲゴザジズゼゾダヂヅデドバ', kind: 'APPLICANT' }, 'en'), { reason: 'GRANT_HOLDER_NAME_TOO_LONG', field: 'input.holderName' }, /32 half-width characters, more than the 30/);
      await refused(await set({ accountNumber: '123456' }), { reason: 'VALIDATION_FAILED', field: 'input.accountNumber' }, /7桁/);
      await refused(await set({ accountNumber: '12345678' }), { reason: 'VALIDATION_FAILED', field: 'input.accountNumber' });
      await refused(await set({ bankCode: '0002' }), { reason: 'GRANT_UNKNOWN_BANK', field: 'input.bankCode' }, /0002/);
      await refused(await set({ branchCode: '999' }), { reason: 'GRANT_UNKNOWN_BRANCH', field: 'input.branchCode' }, /999/);
      await refused(await set({ bankCode: '01' }), { reason: 'VALIDATION_FAILED', field: 'input.bankCode' });
    });
    expect(await t.db.query(`SELECT * FROM grant_payees ORDER BY id`)).toEqual(payeeBefore);
  });

  it('a decision by the wrong role or in the wrong status, by someone who reviewed it, or a transfer date that is no bank business day', async () => {
    const submitted = await w.submitted(program.id, { by: 'officer' });
    await unchanged(async () => {
      await refused(await approve(reviewed.id, [{ category: 'TUITION', amount: 1 }], w.officer.token), { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
      await refused(await approve(submitted.id, [{ category: 'TUITION', amount: 1 }]), { code: 'CONFLICT', reason: 'GRANT_WRONG_STATUS' }, /SUBMITTED/);
      await refused(await t.gql(GQL.startReview, { input: { id: reviewed.id } }, { token: w.officer.token }), { code: 'CONFLICT', reason: 'GRANT_WRONG_STATUS' });
      await refused(await t.gql(GQL.cancel, { input: { id: reviewed.id, comment: 'x' } }, { token: w.member.token }), { code: 'NOT_FOUND', reason: 'GRANT_APPLICATION_NOT_FOUND' });
      await refused(await t.gql(GQL.reject, { input: { id: reviewed.id, comment: '' } }, { token: w.approver.token }), { reason: 'VALIDATION_FAILED', field: 'input.comment' });
    });
    // An officer who is also an approver may not decide what they reviewed (nor what they entered).
    await grantRole(t.app, w.officer2.userId, Role.GRANT_APPROVER);
    await unchanged(async () => {
      await refused(await approve(reviewed.id, [{ category: 'TUITION', amount: 100 }], w.officer2.token), { code: 'FORBIDDEN', reason: 'GRANT_CONFLICT_OF_INTEREST' }, /審査/);
      await refused(await t.gql(GQL.reject, { input: { id: reviewed.id, comment: 'no' } }, { token: w.officer2.token }), { code: 'FORBIDDEN', reason: 'GRANT_CONFLICT_OF_INTEREST' });
    });
    await w.ok(GQL.schedule, { input: { applicationId: approved.id, amount: 10_000 } }, w.officer);
    await unchanged(async () => {
      await refused(await t.gql(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-07-20' } }, { token: w.officer.token, locale: 'ja' }), { reason: 'GRANT_NOT_BANK_BUSINESS_DAY', field: 'input.transferDate' }, /2026-07-21/);
      await refused(await t.gql(GQL.createBatch, { input: { programId: program.id, transferDate: '2026-06-13' } }, { token: w.officer.token }), { reason: 'GRANT_TRANSFER_DATE_PAST', field: 'input.transferDate' });
      await refused(await t.gql(GQL.schedule, { input: { applicationId: approved.id, amount: 40_001 } }, { token: w.officer.token }), { reason: 'GRANT_EXCEEDS_PAYABLE', field: 'input.amount' });
    });
  });

  it('a program with limits above its budget, dates outside its fiscal year, or an unknown payer bank', async () => {
    const create = (overrides: Partial<CreateGrantProgramInput>) => t.gql(GQL.createProgram, { input: programInput(overrides) }, { token: w.approver.token });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM grant_programs`);
    await refused(await create({ maxPerAward: 2_000_000 }), { reason: 'GRANT_PROGRAM_LIMITS', field: 'input.maxPerAward' });
    // (GRANT_ZENGIN_LIMIT here; the platform-wide amount cap refuses it first where there is one)
    await refused(await create({ totalBudget: 1_000_000_000_000 }), { field: 'input.totalBudget' });
    await refused(await create({ totalBudget: 10_000_000_000, maxPerAward: 10_000_000_000, maxPerPerson: 10_000_000_000 }), { reason: 'GRANT_ZENGIN_LIMIT', field: 'input.maxPerAward' });
    await refused(await create({ closesOn: '2027-04-01' }), { reason: 'GRANT_PROGRAM_OUTSIDE_FISCAL_YEAR', field: 'input.closesOn' });
    await refused(await create({ payerBankCode: '0002' }), { reason: 'GRANT_UNKNOWN_BANK', field: 'input.payerBankCode' });
    await refused(await create({ payerName: '連帯財団' }), { reason: 'GRANT_HOLDER_NAME_CHARACTERS', field: 'input.payerName' });
    // Untyped: a category the schema's enum does not have (GraphQL refuses the variables before any resolver).
    await refused(await t.gql(GQL.createProgram.text, { input: { ...programInput(), categories: ['TUITION', 'BEER'] } }, { token: w.approver.token }), {});
    await refused(await t.gql(UPDATE_PROGRAM, { input: { id: program.id, totalBudget: 40_000, maxPerAward: 40_000, maxPerPerson: 40_000 } }, { token: w.approver.token }), { reason: 'GRANT_BUDGET_BELOW_AWARDED', field: 'input.totalBudget' });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM grant_programs`)).toEqual(before);
  });
});
