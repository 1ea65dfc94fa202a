import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AccountCode, BookService, LedgerPosting, LedgerQueries } from '#ledger';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, controlAccounts, ledgerBalances } from './support/check-then-close.js';
import { DUES, duesWorld, individualPlan } from './support/dues-world.js';

jest.setTimeout(60_000);

const SET = gql(`mutation DuesRecognitionSet($policy: DuesRecognitionPolicy!) { setDuesRecognitionPolicy(policy: $policy) { federation federationChosen overrides { bookId policy } } }`);
const SET_BOOK = gql(`mutation DuesRecognitionSetBook($bookId: ID!, $policy: DuesRecognitionPolicy) { setBookDuesRecognitionPolicy(bookId: $bookId, policy: $policy) { federation overrides { bookId policy } } }`);
const READ = gql(`query DuesRecognitionRead { duesRecognition { federation federationChosen overrides { bookId policy } } }`);
const RECORD = gql(`mutation DuesRecognitionRecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`);
const STATEMENT = gql(`query DuesRecognitionStatement($b: ID!, $from: String!, $to: String!) { settlementStatement(branchId: $b, from: $from, to: $to) { recognition accrued { amount } closing { net { amount } } federationView { agrees } } }`);
const INVOICE = gql(`query DuesRecognitionInvoice($id: ID!) { duesInvoice(id: $id) { recognition status taxNote } }`);
const TOTALS = gql(`query DuesRecognitionTotals($fy: Int!) { duesBranchTotals(fiscalYear: $fy) { branchCode recognition paid { amount } } }`);

const CONTROL = gql(`query DuesRecognitionControl { duesControlAccounts { ok receivables { bookId agrees ledger { amount } invoices { amount } } interBook { bookId counterpartyBookId accountCode balance { amount } mirror { amount } } } }`);

describe('dues recognition policy: ON_RECEIPT (default) and ACCRUAL', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  let plan: string;
  let tkyBook: string;
  let oskBook: string;
  let federationBook: string;
  const balance = (bookId: string, accountCode: string, counterpartyBookId?: string) =>
    t.app.get(LedgerQueries).balance({ bookId, accountCode, ...(counterpartyBookId && { counterpartyBookId }) });
  const entries = async () => Number((await t.db.query(`SELECT count(*) FROM journal_entries`))[0].count);
  const pay = async (memberId: string, invoiceId: string, amount: number, token: string) => {
    const res = await t.gql(RECORD, { input: { memberId, method: 'CASH', amount: { amount, currency: 'JPY' }, receivedOn: '2026-06-15', allocations: [{ invoiceId }] } }, { token });
    expect(res.errors).toBeUndefined();
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') });
    w = await duesWorld(t);
    plan = await w.plan(individualPlan());
    const books = t.app.get(BookService);
    tkyBook = (await books.bookForBranch(w.tky.id)).id;
    oskBook = (await books.bookForBranch(w.osk.id)).id;
    federationBook = (await books.federationBook()).id;
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances, controlAccounts));
  /** The control-account report as a federation admin reads it: the books that break the rule. */
  const controlAccountBreaks = async (_: TestApp): Promise<string[]> => {
    const res = await t.gql(CONTROL, {}, { token: w.admin });
    expect(res.errors).toBeUndefined();
    const r = res.data!.duesControlAccounts;
    const breaks = [
      ...r.receivables.filter((x) => !x.agrees).map((x) => `1400 of book ${x.bookId}`),
      ...r.interBook.map((m) => `inter-book ${m.bookId} / ${m.counterpartyBookId}`),
    ];
    expect(r.ok).toBe(breaks.length === 0);
    return breaks;
  };

  it('is ON_RECEIPT until a federation admin chooses; joining and voiding then post nothing, the invoice is a claim', async () => {
    expect((await t.gql(READ, {}, { token: w.admin })).data!.duesRecognition).toEqual({ federation: 'ON_RECEIPT', federationChosen: false, overrides: [] });
    const before = await entries();
    const { invoice } = await w.joined(await w.person(w.tky.id), plan);
    const read = await t.gql(INVOICE, { id: invoice.id }, { token: w.tkyTreasurer });
    expect(read.data!.duesInvoice).toMatchObject({ recognition: 'ON_RECEIPT', status: 'OPEN' });
    expect(read.data!.duesInvoice.taxNote).toContain('不課税');
    expect(await entries()).toBe(before);
    const voided = await t.gql(DUES.voidInvoice, { input: { invoiceId: invoice.id, reason: '重複 / duplicate' } }, { token: w.tkyTreasurer });
    expect(voided.data!.voidDuesInvoice.status).toBe('VOID');
    expect(await entries()).toBe(before);
    expect(await controlAccountBreaks(t)).toEqual([]);
  });

  it('only federation admins change the setting (audited); auditors read it; a federation-book override is refused and changes nothing', async () => {
    for (const token of [w.tkyTreasurer, w.auditor]) {
      const refused = await t.gql(SET, { policy: 'ACCRUAL' }, { token });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(READ, {}, { token: w.tkyTreasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(READ, {}, { token: w.auditor })).data!.duesRecognition.federation).toBe('ON_RECEIPT');
    const bad = await t.gql(SET_BOOK, { bookId: federationBook, policy: 'ACCRUAL' }, { token: w.admin });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RECOGNITION_BOOK_NOT_BRANCH', fields: [{ field: 'bookId' }] });
    expect(await w.count('dues_recognition_book_overrides')).toBe(0);
    expect(await w.count('audit_events', `action LIKE 'duesRecognition.%'`)).toBe(0);

    const set = await t.gql(SET_BOOK, { bookId: oskBook, policy: 'ACCRUAL' }, { token: w.admin });
    expect(set.data!.setBookDuesRecognitionPolicy).toEqual({ federation: 'ON_RECEIPT', overrides: [{ bookId: oskBook, policy: 'ACCRUAL' }] });
    const [audit] = await t.db.query(`SELECT entity_id, branch_id FROM audit_events WHERE action = 'duesRecognition.setBook'`);
    expect(audit).toMatchObject({ entity_id: oskBook, branch_id: w.osk.id });
  });

  it('the fiscal-year run posts nothing for an ON_RECEIPT branch and ONE summary entry (and its mirror) for an ACCRUAL one, naming the run and the range', async () => {
    for (let i = 0; i < 3; i++) await w.joined(await w.person(w.osk.id), plan);
    for (let i = 0; i < 2; i++) await w.joined(await w.person(w.tky.id), plan);
    const runEntriesBefore = await w.count('journal_entries', `idempotency_key LIKE 'dues-run:%'`);
    const tkyEntriesBefore = await w.count('journal_entries', `book_id = $1`, [tkyBook]);
    const receivableBefore = await balance(oskBook, AccountCode.DuesReceivable);
    const res = await t.gql(DUES.issue, { fiscalYear: 2027 }, { token: w.admin });
    expect(res.errors).toBeUndefined();
    const byCode = Object.fromEntries(res.data!.issueFiscalYearInvoices.branches.map((b) => [b.branchCode, b]));
    expect(byCode.OSK).toMatchObject({ issued: 3, firstSequence: 1, lastSequence: 3 });
    expect(byCode.TKY).toMatchObject({ issued: 3 }); // the two joined now and the first test's (its 2026 invoice void)
    expect(await w.count('journal_entries', `book_id = $1`, [tkyBook])).toBe(tkyEntriesBefore);
    const runs: { book_id: string; memo: string }[] = await t.db.query(`SELECT book_id, memo FROM journal_entries WHERE idempotency_key LIKE 'dues-run:%' ORDER BY book_id`);
    expect(runs.length - runEntriesBefore).toBe(2);
    expect(runs.map((r) => r.book_id).sort()).toEqual([oskBook, federationBook].sort());
    expect(runs[0].memo).toContain('OSK-2027-000001');
    expect(runs[0].memo).toContain('OSK-2027-000003');
    expect(await balance(oskBook, AccountCode.DuesReceivable)).toBe(receivableBefore + 36000n);
    expect(await controlAccountBreaks(t)).toEqual([]);

    // Voiding one of the run's invoices reverses that invoice's share of the summary.
    const [run] = await t.db.query(`SELECT id FROM dues_invoices WHERE number = 'OSK-2027-000002'`);
    const oskTreasurer = w.oskTreasurer;
    const voided = await t.gql(DUES.voidInvoice, { input: { invoiceId: run.id, reason: '退会 / left' } }, { token: oskTreasurer });
    expect(voided.errors).toBeUndefined();
    expect(await balance(oskBook, AccountCode.DuesReceivable)).toBe(receivableBefore + 24000n);
    expect(await controlAccountBreaks(t)).toEqual([]);
  });

  it('the settlement statement gives the same totals in both modes for paid invoices', async () => {
    const statement = async (branchId: string, token: string) =>
      (await t.gql(STATEMENT, { b: branchId, from: '2026-06-15', to: '2026-06-15' }, { token })).data!.settlementStatement;
    const tkyBefore = await statement(w.tky.id, w.tkyTreasurer);
    const oskBefore = await statement(w.osk.id, w.oskTreasurer);
    const tkyMember = await w.person(w.tky.id);
    const oskMember = await w.person(w.osk.id);
    const tkyInvoice = (await w.joined(tkyMember, plan)).invoice;
    const oskInvoice = (await w.joined(oskMember, plan)).invoice;
    await pay(tkyMember, tkyInvoice.id, 12000, w.tkyTreasurer);
    await pay(oskMember, oskInvoice.id, 12000, w.oskTreasurer);
    const tkyAfter = await statement(w.tky.id, w.tkyTreasurer);
    const oskAfter = await statement(w.osk.id, w.oskTreasurer);
    expect(tkyAfter.accrued.amount - tkyBefore.accrued.amount).toBe(oskAfter.accrued.amount - oskBefore.accrued.amount);
    expect(tkyAfter.accrued.amount - tkyBefore.accrued.amount).toBe(3600);
    expect([tkyAfter.federationView?.agrees, oskAfter.federationView?.agrees]).toEqual([true, true]);
    expect([tkyAfter.recognition, oskAfter.recognition]).toEqual(['ON_RECEIPT', 'ACCRUAL']);
    const totals = await t.gql(TOTALS, { fy: 2026 }, { token: w.admin });
    const byBranch = Object.fromEntries(totals.data!.duesBranchTotals.map((r) => [r.branchCode, r]));
    expect(byBranch.TKY).toMatchObject({ recognition: 'ON_RECEIPT', paid: { amount: 12000 } });
    expect(byBranch.OSK).toMatchObject({ recognition: 'ACCRUAL', paid: { amount: 12000 } });
    expect(await balance(tkyBook, AccountCode.DuesIncome)).toBe(-8400n);
    expect(await controlAccountBreaks(t)).toEqual([]);
  });

  it('the control-account check names a book whose 未収会費 no longer matches its accrued invoices', async () => {
    // Broken on purpose: an ACCRUAL invoice marked paid behind the ledger's back.
    await t.db.query(`UPDATE dues_invoices SET paid_amount = amount - 1, status = 'PARTIALLY_PAID' WHERE number = 'OSK-2027-000001'`);
    expect(await controlAccountBreaks(t)).toEqual([`1400 of book ${oskBook}`]);
    expect((await t.gql(CONTROL, {}, { token: w.auditor })).data!.duesControlAccounts.ok).toBe(false);
    expect((await t.gql(CONTROL, {}, { token: w.tkyTreasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await t.db.query(`UPDATE dues_invoices SET paid_amount = 0, status = 'OPEN' WHERE number = 'OSK-2027-000001'`);
    expect(await controlAccountBreaks(t)).toEqual([]);
  });

  it('the control-account check names a branch book whose 他会計未払金 no longer mirrors the federation’s 他会計未収金, both balances, until it is reversed', async () => {
    const owedBefore = await balance(tkyBook, AccountCode.DueToOtherBooks, federationBook);
    expect(owedBefore).toBeLessThan(0n); // the federation's share of TKY's payments, owed to it (a credit)
    // Broken on purpose through the ledger's posting service: TKY books paying the federation 1,000 yen of
    // its share, and the federation's half of that settlement is never posted.
    await t.app.get(LedgerPosting).post({
      bookId: tkyBook,
      entryDate: '2026-06-15',
      source: 'SETTLEMENT',
      sourceId: 'one-half-only',
      idempotencyKey: 'settlement:tky-half-only',
      memo: '片側だけの精算 / a settlement with one half only',
      lines: [
        { accountCode: AccountCode.DueToOtherBooks, side: 'DEBIT', amount: 1000n, counterpartyBookId: federationBook },
        { accountCode: AccountCode.Cash, side: 'CREDIT', amount: 1000n },
      ],
    });
    expect(await controlAccountBreaks(t)).toEqual([`inter-book ${federationBook} / ${tkyBook}`, `inter-book ${tkyBook} / ${federationBook}`].sort());
    const report = (await t.gql(CONTROL, {}, { token: w.auditor })).data!.duesControlAccounts;
    expect(report.ok).toBe(false);
    const owed = Number(owedBefore);
    expect(report.interBook).toEqual(
      expect.arrayContaining([
        { bookId: tkyBook, counterpartyBookId: federationBook, accountCode: '2200', balance: { amount: owed + 1000 }, mirror: { amount: -owed } },
        { bookId: federationBook, counterpartyBookId: tkyBook, accountCode: '1500', balance: { amount: -owed }, mirror: { amount: owed + 1000 } },
      ]),
    );
    expect(report.interBook).toHaveLength(2);
    await t.app.get(LedgerPosting).reverseByKey(tkyBook, 'settlement:tky-half-only', { idempotencyKey: 'settlement:tky-half-only:reversed', entryDate: '2026-06-15', memo: '取消 / reversed' });
    expect(await controlAccountBreaks(t)).toEqual([]);
  });
});
