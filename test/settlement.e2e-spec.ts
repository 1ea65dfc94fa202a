import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { TransactionService } from '#core';
import { LedgerPosting, type JournalPosting } from '#ledger';
import { eventually, unbalancedJournalEntries } from '#testing';
import { gql } from './support/gql.js';
import type { RecordSettlementInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalancesApartFrom } from './support/check-then-close.js';
import { AccountCode, NOW, PaymentsWorld, TODAY } from './support/payments-world.js';

const STATEMENT = gql(`query SettlementStatement($b: ID!, $from: String!, $to: String!) { settlementStatement(branchId: $b, from: $from, to: $to) {
  branchId branchCode from to
  opening { owedToFederation { amount } owedByFederation { amount } net { amount } }
  closing { owedToFederation { amount } owedByFederation { amount } net { amount } }
  accrued { amount } settled { amount }
  lines { date kind description entryId change { amount } balance { amount } }
  federationView { dueFromBranch { amount } dueToBranch { amount } agrees }
  csv } }`);

const SETTLE = gql(`mutation SettlementRecord($input: RecordSettlementInput!) { recordSettlement(input: $input) {
  id branchId direction amount { amount currency } settledOn postedOn reference } }`);

describe('settlement between a branch and the federation', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let federationBookId: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    // The shares accrue when invoiced: the federation keeps dues on ACCRUAL (set as an admin would).
    // dues-recognition.e2e-spec.ts proves the statement gives the same totals on ON_RECEIPT once paid.
    await w.recognition('ACCRUAL');
    branch = await w.branch();
    other = await w.branch();
    federationBookId = await w.federationBookId();
    // Two invoices of 12,000 yen: 3,600 of each is the federation's share.
    await w.memberWithInvoice(branch.id);
    await w.memberWithInvoice(branch.id);
  });
  /** Books the drift tests below unbalance against their mirror on purpose. */
  const driftedBooks: string[] = [];
  afterAll(() => checkThenClose(t, ledgerBalancesApartFrom(() => driftedBooks)));

  const settle = (over: Partial<RecordSettlementInput> = {}, token = branch.treasurer) =>
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
    expect(statement.lines.map((l) => [l.kind, l.change.amount, l.balance.amount])).toEqual([
      ['ACCRUAL', 7200, 7200],
      ['SETTLEMENT', -5000, 2200],
    ]);
    // A later period opens where this one closed.
    const july = (await t.gql(STATEMENT, { b: branch.id, from: '2026-07-01', to: '2026-07-31' }, { token: branch.treasurer })).data!.settlementStatement;
    expect(july).toMatchObject({ opening: { net: { amount: 2200 } }, closing: { net: { amount: 2200 } }, lines: [] });
  });

  it('the statement downloads as CSV Excel opens: BOM, bilingual headers, opening, lines, closing', async () => {
    const csv = (await t.gql(STATEMENT, { b: branch.id, from: '2026-06-01', to: '2026-06-30' }, { token: branch.treasurer })).data!.settlementStatement.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('支部 / Branch,日付 / Date,区分 / Kind,摘要 / Description,増減（支部→連合会） / Change (owed to federation),残高（支部→連合会） / Balance (owed to federation),通貨 / Currency,仕訳ID / Journal entry ID,計上基準 / Basis');
    expect(rows[1]).toMatch(new RegExp(`^${branch.code},2026-06-01,期首残高 / Opening balance,.*,,0,JPY,,発生主義 / accrual$`));
    expect(rows[2]).toMatch(/^.*,2026-06-01,計上 \/ Accrued,.*,7200,7200,JPY,,発生主義 \/ accrual$/);
    expect(rows[3]).toMatch(/^.*,2026-06-15,精算 \/ Settlement,精算 \/ settlement SOUKIN-0615,-5000,2200,JPY,[0-9a-f-]{36},発生主義 \/ accrual$/);
    expect(rows[4]).toBe(`${branch.code},2026-06-30,期末残高 / Closing balance,,,2200,JPY,,発生主義 / accrual`);
  });

  it('settling more than is owed is refused and nothing is written', async () => {
    const before = await settlementCount();
    const res = await settle({ amount: { amount: 2201, currency: 'JPY' }, reference: 'TOO-MUCH' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SETTLEMENT_EXCEEDS_OWED', fields: [{ field: 'input.amount' }] });
    expect(await settlementCount()).toBe(before);
    expect(await owedInBranchBook()).toBe(2200n);
  });

  it('the federation paying a branch it owes nothing is refused', async () => {
    const res = await settle({ direction: 'FEDERATION_TO_BRANCH', amount: { amount: 100, currency: 'JPY' } }, w.admin);
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
    const auditor = (await t.signIn(Role.AUDITOR)).token;
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

  describe('what both books agree is owed', () => {
    /** An entry in one book only, as a book that drifted from its mirror would have (no API writes one any more). */
    const stray = (bookId: string, lines: JournalPosting['lines']): Promise<unknown> => {
      driftedBooks.push(bookId);
      return t.app.get(LedgerPosting).post({ bookId, entryDate: TODAY, source: 'FEE', sourceId: `stray-${Math.random()}`, idempotencyKey: `stray-${Math.random()}`, memo: 'drift', lines });
    };
    /** Both sides of something the federation owes a branch (e.g. dues it collected for it). */
    const federationOwes = (branchBookId: string, amount: bigint) =>
      t.app.get(LedgerPosting).postMany([
        { bookId: branchBookId, entryDate: TODAY, source: 'INVOICE', sourceId: `fed-owes-${branchBookId}`, idempotencyKey: `fed-owes:${branchBookId}:b`, memo: '連合会受領分', lines: [
          { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount, counterpartyBookId: federationBookId },
          { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount },
        ] },
        { bookId: federationBookId, entryDate: TODAY, source: 'INVOICE', sourceId: `fed-owes-${branchBookId}`, idempotencyKey: `fed-owes:${branchBookId}:f`, memo: '支部分受領', lines: [
          { accountCode: AccountCode.Bank, side: 'DEBIT', amount },
          { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount, counterpartyBookId: branchBookId },
        ] },
      ]);
    const settleFor = (b: { id: string }, over: Partial<RecordSettlementInput>, token: string) =>
      t.gql(SETTLE, { input: { branchId: b.id, amount: { amount: 100, currency: 'JPY' }, settledOn: TODAY, ...over } }, { token });

    it('a branch book owing more than the federation mirror settles only what the mirror agrees; no Bank line beyond it', async () => {
      const b = await w.branch();
      await w.memberWithInvoice(b.id); // 3,600 owed, mirrored
      await stray(b.bookId, [
        { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount: 5000n },
        { accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: 5000n, counterpartyBookId: federationBookId },
      ]);
      expect(-(await w.balance(b.bookId, AccountCode.DueToOtherBooks, federationBookId))).toBe(8600n);
      const fedBank = await w.balance(federationBookId, AccountCode.Bank);
      const before = await settlementCount();

      const tooMuch = await settleFor(b, { amount: { amount: 8600, currency: 'JPY' } }, b.treasurer);
      expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SETTLEMENT_EXCEEDS_OWED', fields: [{ field: 'input.amount' }] });
      expect(tooMuch.errors?.[0].message).toMatch(/3,600/);
      expect(await settlementCount()).toBe(before);

      expect((await settleFor(b, { amount: { amount: 3600, currency: 'JPY' } }, b.treasurer)).errors).toBeUndefined();
      expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, b.bookId)).toBe(0n);
      expect(await w.balance(federationBookId, AccountCode.Bank)).toBe(fedBank + 3600n);
      expect((await settleFor(b, { amount: { amount: 1, currency: 'JPY' } }, b.treasurer)).errors?.[0].extensions.reason).toBe('NOTHING_TO_SETTLE');
      expect(await w.balance(federationBookId, AccountCode.Bank)).toBe(fedBank + 3600n);
    });

    it('a branch book claiming the federation owes it, unmirrored, gets no federation money', async () => {
      const b = await w.branch();
      await stray(b.bookId, [
        { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount: 5000n, counterpartyBookId: federationBookId },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 5000n },
      ]);
      const fedBank = await w.balance(federationBookId, AccountCode.Bank);
      const res = await settleFor(b, { direction: 'FEDERATION_TO_BRANCH', amount: { amount: 5000, currency: 'JPY' } }, w.admin);
      expect(res.errors?.[0].extensions.reason).toBe('NOTHING_TO_SETTLE');
      expect(await w.balance(federationBookId, AccountCode.Bank)).toBe(fedBank);
    });

    it('the federation paying a branch is a federation admin’s act: its treasurer and admin are FORBIDDEN, nothing written', async () => {
      const b = await w.branch();
      await federationOwes(b.bookId, 4000n);
      const branchAdmin = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [b.id] })).token;
      const before = await settlementCount();
      for (const token of [b.treasurer, branchAdmin]) {
        const res = await settleFor(b, { direction: 'FEDERATION_TO_BRANCH', amount: { amount: 4000, currency: 'JPY' } }, token);
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SETTLEMENT_DIRECTION_FORBIDDEN' });
      }
      expect(await settlementCount()).toBe(before);
      expect(await w.balance(b.bookId, AccountCode.DueFromOtherBooks, federationBookId)).toBe(4000n);

      const paid = await settleFor(b, { direction: 'FEDERATION_TO_BRANCH', amount: { amount: 4000, currency: 'JPY' } }, w.admin);
      expect(paid.errors).toBeUndefined();
      expect(paid.data!.recordSettlement).toMatchObject({ direction: 'FEDERATION_TO_BRANCH', amount: { amount: 4000 } });
      expect(await w.balance(b.bookId, AccountCode.DueFromOtherBooks, federationBookId)).toBe(0n);
      expect(await w.balance(federationBookId, AccountCode.DueToOtherBooks, b.bookId)).toBe(0n);
    });

    it('what is owed is checked under the books’ locks: a correction in flight is waited for, then counted', async () => {
      const b = await w.branch();
      const m = await w.memberWithInvoice(b.id); // 3,600 owed, mirrored
      driftedBooks.push(b.bookId); // its entries are reversed below without voiding the invoice: the invoice stays open
      const shares = await t.db.query(`SELECT id FROM journal_entries WHERE source = 'INVOICE' AND source_id = $1 ORDER BY book_id`, [m.invoiceId]);
      expect(shares).toHaveLength(2);
      let held!: () => void;
      let release!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const released = new Promise<void>((r) => (release = r));
      // The invoice's shares reversed in both books (what voiding it posts), not yet committed.
      const correction = t.app.get(TransactionService).run(async () => {
        for (const s of shares) await t.app.get(LedgerPosting).reverse(s.id, { idempotencyKey: `held-void:${s.id}`, entryDate: TODAY, memo: '取消 / void' });
        held();
        await released;
      });
      await holding;
      const settling = settleFor(b, { amount: { amount: 3600, currency: 'JPY' } }, b.treasurer);
      // Seen waiting on a book's chain head before it decides anything.
      await eventually(async () => {
        const [row] = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger_chain_heads%'`,
        );
        return row.n > 0;
      });
      release();
      await correction;
      const res = await settling;
      expect(res.errors?.[0].extensions.reason).toBe('NOTHING_TO_SETTLE');
      expect(await w.balance(b.bookId, AccountCode.DueToOtherBooks, federationBookId)).toBe(0n);
      expect(await w.balance(federationBookId, AccountCode.DueFromOtherBooks, b.bookId)).toBe(0n);
      expect(Number((await t.db.query(`SELECT count(*) FROM settlements WHERE branch_id = $1`, [b.id]))[0].count)).toBe(0);
    });
  });
});
