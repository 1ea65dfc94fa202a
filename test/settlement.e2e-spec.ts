import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, TODAY } from './support/payments-world.js';

const STATEMENT = `query($b: ID!, $from: String!, $to: String!) { settlementStatement(branchId: $b, from: $from, to: $to) {
  branchId branchCode from to
  opening { owedToFederation { amount } owedByFederation { amount } net { amount } }
  closing { owedToFederation { amount } owedByFederation { amount } net { amount } }
  accrued { amount } settled { amount }
  lines { date kind description entryId change { amount } balance { amount } }
  federationView { dueFromBranch { amount } dueToBranch { amount } agrees }
  csv } }`;

const SETTLE = `mutation($input: RecordSettlementInput!) { recordSettlement(input: $input) {
  id branchId direction amount { amount currency } settledOn postedOn reference } }`;

describe('settlement between a branch and the federation', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let federationBookId: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    federationBookId = await w.federationBookId();
    // Two invoices of 12,000 yen: 3,600 of each is the federation's share.
    await w.memberWithInvoice(branch.id);
    await w.memberWithInvoice(branch.id);
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  const settle = (over: Record<string, unknown> = {}, token = branch.treasurer) =>
    t.gql(SETTLE, { input: { branchId: branch.id, amount: { amount: 5000, currency: 'JPY' }, settledOn: TODAY, reference: 'SOUKIN-0615', ...over } }, { token });
  const settlementCount = async () => Number((await t.db.query(`SELECT count(*) FROM settlements`))[0].count);
  const owedInBranchBook = async () => -(await w.balance(branch.bookId, AccountCode.DueToOtherBooks, federationBookId));

  it('the statement shows what the dues shares made the branch owe, mirrored by the federation book', async () => {
    const res = await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    const s = res.data!.settlementStatement;
    expect(s).toMatchObject({
      branchId: branch.id,
      branchCode: branch.code,
      opening: { net: { amount: 0 } },
      closing: { owedToFederation: { amount: 7200 }, owedByFederation: { amount: 0 }, net: { amount: 7200 } },
      accrued: { amount: 7200 },
      settled: { amount: 0 },
      federationView: { dueFromBranch: { amount: 7200 }, dueToBranch: { amount: 0 }, agrees: true },
    });
    expect(s.lines).toEqual([{ date: '2026-06-01', kind: 'ACCRUAL', description: expect.stringContaining('accrued'), entryId: null, change: { amount: 7200 }, balance: { amount: 7200 } }]);
  });

  it('a settlement clears both books at once: branch Dr due to federation / Cr bank; federation Dr bank / Cr due from branch', async () => {
    const res = await settle();
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordSettlement).toMatchObject({ branchId: branch.id, direction: 'BRANCH_TO_FEDERATION', amount: { amount: 5000, currency: 'JPY' }, settledOn: TODAY, postedOn: TODAY });
    expect(await owedInBranchBook()).toBe(2200n);
    expect(await w.balance(branch.bookId, AccountCode.Bank)).toBe(-5000n);
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(2200n);
    expect(await w.balance(federationBookId, AccountCode.Bank)).toBe(5000n);
    const [audit] = await t.db.query(`SELECT action, branch_id FROM audit_events WHERE entity_id = $1`, [res.data!.recordSettlement.id]);
    expect(audit).toEqual({ action: 'settlement.record', branch_id: branch.id });

    const statement = (await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: branch.treasurer })).data!.settlementStatement;
    expect(statement).toMatchObject({ closing: { net: { amount: 2200 } }, accrued: { amount: 7200 }, settled: { amount: 5000 }, federationView: { agrees: true } });
    expect(statement.lines.map((l: { kind: string; change: { amount: number }; balance: { amount: number } }) => [l.kind, l.change.amount, l.balance.amount])).toEqual([
      ['ACCRUAL', 7200, 7200],
      ['SETTLEMENT', -5000, 2200],
    ]);
    // A later period opens where this one closed.
    const july = (await t.gql(STATEMENT, { b: branch.id, from: '2026-07-01', to: '2026-07-31' }, { token: branch.treasurer })).data!.settlementStatement;
    expect(july).toMatchObject({ opening: { net: { amount: 2200 } }, closing: { net: { amount: 2200 } }, lines: [] });
  });

  it('the statement downloads as CSV Excel opens: BOM, bilingual headers, opening, lines, closing', async () => {
    const csv: string = (await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: branch.treasurer })).data!.settlementStatement.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('支部 / Branch,日付 / Date,区分 / Kind,摘要 / Description,増減（支部→連合会） / Change (owed to federation),残高（支部→連合会） / Balance (owed to federation),通貨 / Currency,仕訳ID / Journal entry ID');
    expect(rows[1]).toMatch(new RegExp(`^${branch.code},2026-06-01,期首残高 / Opening balance,.*,,0,JPY,$`));
    expect(rows[2]).toMatch(/^.*,2026-06-01,計上 \/ Accrued,.*,7200,7200,JPY,$/);
    expect(rows[3]).toMatch(/^.*,2026-06-15,精算 \/ Settlement,精算 \/ settlement SOUKIN-0615,-5000,2200,JPY,[0-9a-f-]{36}$/);
    expect(rows[4]).toBe(`${branch.code},2026-06-30,期末残高 / Closing balance,,,2200,JPY,`);
  });

  it('settling more than is owed is refused and nothing is written', async () => {
    const before = await settlementCount();
    const res = await settle({ amount: { amount: 2201, currency: 'JPY' }, reference: 'TOO-MUCH' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SETTLEMENT_EXCEEDS_OWED', fields: [{ field: 'input.amount' }] });
    expect(await settlementCount()).toBe(before);
    expect(await owedInBranchBook()).toBe(2200n);
  });

  it('the federation paying a branch it owes nothing is refused', async () => {
    const res = await settle({ direction: 'FEDERATION_TO_BRANCH', amount: { amount: 100, currency: 'JPY' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTHING_TO_SETTLE' });
  });

  it('zero, negative, decimal and foreign-currency amounts, and a future date, are refused', async () => {
    const before = await settlementCount();
    for (const [over, field] of [
      [{ amount: { amount: 0, currency: 'JPY' } }, 'input.amount.amount'],
      [{ amount: { amount: -5, currency: 'JPY' } }, 'input.amount.amount'],
      [{ amount: { amount: 10, currency: 'USD' } }, 'input.amount.currency'],
      [{ settledOn: '2026-06-16' }, 'input.settledOn'],
    ] as const) {
      const res = await settle(over);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field }] });
    }
    expect((await settle({ amount: { amount: 10.5, currency: 'JPY' } })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await settlementCount()).toBe(before);
  });

  it("a treasurer of another branch can neither settle this branch nor read its statement; an auditor reads but cannot settle", async () => {
    const before = await settlementCount();
    expect((await settle({}, other.treasurer)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BRANCH_NOT_IN_SCOPE' });
    expect((await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: other.treasurer })).errors?.[0].extensions.code).toBe('FORBIDDEN');
    const auditor = (await t.signIn(Role.Auditor)).token;
    expect((await settle({}, auditor)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: auditor })).errors).toBeUndefined();
    expect(await settlementCount()).toBe(before);
  });

  it('two settlements of the whole balance at once clear it once', async () => {
    const results = await Promise.all([
      settle({ amount: { amount: 2200, currency: 'JPY' }, reference: 'RACE-1' }),
      settle({ amount: { amount: 2200, currency: 'JPY' }, reference: 'RACE-2' }, w.admin),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions.reason)).toEqual(['NOTHING_TO_SETTLE']);
    expect(await owedInBranchBook()).toBe(0n);
    expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, branch.bookId)).toBe(0n);
  });

  it('a retried settlement with the same idempotency key is recorded once', async () => {
    await w.memberWithInvoice(branch.id);
    const input = { amount: { amount: 3600, currency: 'JPY' }, reference: 'SOUKIN-RETRY', idempotencyKey: 'settle-form-0001' };
    const [a, b] = [await settle(input), await settle(input)];
    expect(b.data!.recordSettlement.id).toBe(a.data!.recordSettlement.id);
    expect(await owedInBranchBook()).toBe(0n);
  });
});
