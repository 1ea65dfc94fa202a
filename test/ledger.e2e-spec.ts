import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { BookService, type Book } from '#ledger';
import { createBranch } from '#testing';
import { gql, type ResultOf } from './support/gql.js';
import type { CreateAccountInput, CreateManualJournalEntryInput } from './support/schema-types.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';

// Against real PostgreSQL on a shared 2-core machine: generous, never asserted.
jest.setTimeout(60_000);

/** Today is 15 June 2025 in Tokyo. */
const NOW = new Date('2025-06-15T03:00:00Z');

const CREATE = gql(`mutation CreateManualJournalEntry($input: CreateManualJournalEntryInput!) { createManualJournalEntry(input: $input) {
  id bookId entryDate requestedDate source memo reversesEntryId reversedByEntryId createdBy
  lines { lineNo accountCode accountNameJa side amount { amount currency } counterpartyBookId fundCode } } }`);
const TRIAL_BALANCE = gql(`query TrialBalance($bookId: ID!, $asOf: String) { trialBalance(bookId: $bookId, asOf: $asOf) {
  asOf totalDebit { amount } totalCredit { amount } lines { code nameJa nameEn type debit { amount } credit { amount } balance { amount currency } } } }`);
const ACCOUNTS = gql(`query BookAccounts($bookId: ID!) { accounts(bookId: $bookId, first: 100) { edges { node { id code type nameJa nameEn standard } } } }`);
const ACCOUNT_ENTRIES = gql(`query AccountEntries($accountId: ID!, $first: Int, $after: String) { accountEntries(accountId: $accountId, first: $first, after: $after) {
  edges { cursor node { entryId entryDate memo side amount { amount } balanceAfter { amount } } } pageInfo { hasNextPage endCursor } } }`);
const CLOSE = gql(`mutation ClosePeriod($bookId: ID!, $month: String!) { closePeriod(bookId: $bookId, month: $month) { bookId month status closedBy } }`);
const REOPEN = gql(`mutation ReopenPeriod($bookId: ID!, $month: String!) { reopenPeriod(bookId: $bookId, month: $month) { bookId month status reopenedBy } }`);
const REVERSE = gql(`mutation ReverseJournalEntry($id: ID!, $memo: String!) { reverseJournalEntry(id: $id, memo: $memo) {
  id bookId entryDate requestedDate source memo reversesEntryId reversedByEntryId createdBy
  lines { lineNo accountCode accountNameJa side amount { amount currency } counterpartyBookId fundCode } } }`);
const BOOKS = gql(`query BookKinds { books(first: 50) { edges { node { id kind } } } }`);
const BOOK_KIND_PAGE = gql(`query BookKindPage($after: String) { books(first: 1, after: $after) { edges { node { kind } } pageInfo { hasNextPage endCursor } } }`);
const BOOK_ID_PAGE = gql(`query BookIdPage($after: String) { books(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
const CREATE_ACCOUNT = gql(`mutation CreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { id code type nameJa standard } }`);
const FUND_BALANCES = gql(`query FundBalances($bookId: ID!) { fundBalances(bookId: $bookId) { fundCode income { amount } expense { amount } balance { amount } } }`);
const REVERSED_BY = gql(`query JournalEntryReversedBy($id: ID!) { journalEntry(id: $id) { reversedByEntryId } }`);
const PERIODS = gql(`query BookPeriods($bookId: ID!) { periods(bookId: $bookId) { edges { node { month status } } } }`);

describe('the ledger over GraphQL', () => {
  let t: TestApp;
  let bookA: Book;
  let bookB: Book;
  let federation: Book;
  let admin: string;
  let auditor: string;
  let treasurerA: { token: string; userId: string };
  let branchAdminA: string;

  const entries = async () => Number((await t.db.query(`SELECT count(*) FROM journal_entries`))[0].count);
  const auditCount = async (action: string) => Number((await t.db.query(`SELECT count(*) FROM audit_events WHERE action = $1`, [action]))[0].count);

  async function branchBook(code: string): Promise<Book> {
    const branch = await createBranch(t.app, { code, nameJa: `${code}支部`, nameEn: `${code} branch` });
    return t.app.get(BookService).bookForBranch(branch.id);
  }

  const entryInput = (bookId: string, over: Partial<CreateManualJournalEntryInput> = {}): CreateManualJournalEntryInput => ({
    bookId,
    entryDate: '2025-06-10',
    memo: '小口現金の預入 / cash to bank',
    lines: [
      { accountCode: '1200', side: 'DEBIT', amount: 5000 },
      { accountCode: '1100', side: 'CREDIT', amount: 5000 },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    federation = await t.app.get(BookService).federationBook();
    bookA = await branchBook('TKY');
    bookB = await branchBook('OSK');
    admin = (await t.signIn(Role.FEDERATION_ADMIN)).token;
    auditor = (await t.signIn(Role.AUDITOR)).token;
    treasurerA = await t.signIn(Role.BRANCH_TREASURER, { branchIds: [bookA.branchId!] });
    branchAdminA = (await t.signIn(Role.BRANCH_ADMIN, { branchIds: [bookA.branchId!] })).token;
  });

  afterAll(() => checkThenClose(t, ledgerBalances));

  describe('books and accounts', () => {
    it('every book has the standard chart with Japanese and English names', async () => {
      const res = await t.gql(ACCOUNTS, { bookId: federation.id }, { token: admin });
      const codes = res.data!.accounts.edges.map((e) => e.node);
      expect(codes.map((a) => a.code)).toEqual(['1100', '1200', '1300', '1350', '1400', '1500', '2100', '2200', '2300', '3100', '4100', '4200', '4300', '5100', '5200']);
      expect(codes.find((a) => a.code === '4300')).toMatchObject({ nameJa: '指定寄附金収入', nameEn: 'Donation income (restricted)', type: 'INCOME', standard: true });
    });

    it('a treasurer sees only their branch’s book; an auditor sees every book', async () => {
      const mine = await t.gql(BOOKS, {}, { token: treasurerA.token });
      expect(mine.data!.books.edges.map((e) => e.node.id)).toEqual([bookA.id]);
      const all = await t.gql(BOOKS, {}, { token: auditor });
      expect(all.data!.books.edges).toHaveLength(4);
    });

    it('grant staff see the foundation’s book; pages of books follow one another', async () => {
      const officer = (await t.signIn(Role.GRANT_OFFICER)).token;
      const kinds: string[] = [];
      let after: string | null = null;
      do {
        const books: ResultOf<typeof BOOK_KIND_PAGE>['books'] = (await t.gql(BOOK_KIND_PAGE, { after }, { token: officer })).data!.books;
        kinds.push(...books.edges.map((e) => e.node.kind));
        after = books.pageInfo.hasNextPage ? books.pageInfo.endCursor : null;
      } while (after);
      expect(kinds).toEqual(['FOUNDATION']);
      const ids: string[] = [];
      after = null;
      do {
        const books: ResultOf<typeof BOOK_ID_PAGE>['books'] = (await t.gql(BOOK_ID_PAGE, { after }, { token: auditor })).data!.books;
        ids.push(...books.edges.map((e) => e.node.id));
        after = books.pageInfo.hasNextPage ? books.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(ids).size).toBe(4);
    });

    it('a federation admin adds an account (audited); others may not; a taken code is BAD_USER_INPUT', async () => {
      const input: CreateAccountInput = { bookId: bookA.id, code: '1210', type: 'ASSET', nameJa: 'ゆうちょ銀行', nameEn: 'Japan Post Bank' };
      // A post first: the ledger now remembers bookA's chart, and must still find the account added below.
      expect((await t.gql(CREATE, { input: entryInput(bookA.id) }, { token: treasurerA.token })).errors).toBeUndefined();
      const forbidden = await t.gql(CREATE_ACCOUNT, { input }, { token: treasurerA.token });
      expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const created = await t.gql(CREATE_ACCOUNT, { input }, { token: admin });
      expect(created.data!.createAccount).toMatchObject({ code: '1210', type: 'ASSET', standard: false });
      expect(await auditCount('ledger.account.create')).toBe(1);
      const again = await t.gql(CREATE_ACCOUNT, { input }, { token: admin });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ACCOUNT_CODE_TAKEN', fields: [{ field: 'input.code' }] });
      const posted = await t.gql(CREATE, { input: entryInput(bookA.id, { lines: [{ accountCode: '1210', side: 'DEBIT', amount: 10 }, { accountCode: '1100', side: 'CREDIT', amount: 10 }] }) }, { token: treasurerA.token });
      expect(posted.errors).toBeUndefined();
    });
  });

  describe('manual journal entries', () => {
    it('a treasurer posts to their branch’s book; the entry, its lines and an audit event are there', async () => {
      const res = await t.gql(CREATE, { input: entryInput(bookA.id) }, { token: treasurerA.token });
      expect(res.errors).toBeUndefined();
      expect(res.data!.createManualJournalEntry).toMatchObject({
        bookId: bookA.id,
        entryDate: '2025-06-10',
        source: 'MANUAL',
        createdBy: treasurerA.userId,
        lines: [
          { lineNo: 1, accountCode: '1200', accountNameJa: '普通預金', side: 'DEBIT', amount: { amount: 5000, currency: 'JPY' } },
          { lineNo: 2, accountCode: '1100', accountNameJa: '現金', side: 'CREDIT', amount: { amount: 5000, currency: 'JPY' } },
        ],
      });
      const [event] = await t.db.query(`SELECT actor_user_id, entity_id, branch_id FROM audit_events WHERE action = 'ledger.entry.create' AND entity_id = $1`, [
        res.data!.createManualJournalEntry.id,
      ]);
      expect(event).toEqual({ actor_user_id: treasurerA.userId, entity_id: res.data!.createManualJournalEntry.id, branch_id: bookA.branchId });
    });

    it('a retried submission with the same idempotency key posts once', async () => {
      const input = entryInput(bookA.id, { idempotencyKey: 'form-123' });
      const first = await t.gql(CREATE, { input }, { token: treasurerA.token });
      const before = await entries();
      const second = await t.gql(CREATE, { input }, { token: treasurerA.token });
      expect(second.data!.createManualJournalEntry.id).toBe(first.data!.createManualJournalEntry.id);
      expect(await entries()).toBe(before);
    });

    it('a treasurer of branch A posting to branch B’s book is FORBIDDEN and nothing is written', async () => {
      const before = await entries();
      const events = await auditCount('ledger.entry.create');
      const res = await t.gql(CREATE, { input: entryInput(bookB.id) }, { token: treasurerA.token });
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(await entries()).toBe(before);
      expect(await auditCount('ledger.entry.create')).toBe(events);
    });

    it('a federation admin posts to any book; a branch admin and the auditor post to none', async () => {
      expect((await t.gql(CREATE, { input: entryInput(bookB.id) }, { token: admin })).errors).toBeUndefined();
      expect((await t.gql(CREATE, { input: entryInput(federation.id) }, { token: admin })).errors).toBeUndefined();
      const before = await entries();
      expect((await t.gql(CREATE, { input: entryInput(bookA.id) }, { token: branchAdminA })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(CREATE, { input: entryInput(bookA.id) }, { token: auditor })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(await entries()).toBe(before);
    });

    const bad: [string, Partial<CreateManualJournalEntryInput>, string, string][] = [
      ['a zero amount', { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 0 }, { accountCode: '1100', side: 'CREDIT', amount: 0 }] }, 'input.lines.0.amount', ''],
      ['a negative amount', { lines: [{ accountCode: '1200', side: 'DEBIT', amount: -5 }, { accountCode: '1100', side: 'CREDIT', amount: -5 }] }, 'input.lines.0.amount', ''],
      ['debits and credits that differ', { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 5000 }, { accountCode: '1100', side: 'CREDIT', amount: 4999 }] }, 'input.lines', 'UNBALANCED_ENTRY'],
      ['an unknown account code', { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 5 }, { accountCode: '9999', side: 'CREDIT', amount: 5 }] }, 'input.lines.1.accountCode', 'UNKNOWN_ACCOUNT'],
      ['a currency other than the book’s', { currency: 'USD' }, 'input.currency', 'CURRENCY_MISMATCH'],
      ['no memo', { memo: '' }, 'input.memo', ''],
      ['a date that does not exist', { entryDate: '2025-06-31' }, 'input.entryDate', ''],
      ['a single line', { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 5 }] }, 'input.lines', ''],
    ];
    it.each(bad)('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_, over, field, reason) => {
      const before = await entries();
      const res = await t.gql(CREATE, { input: entryInput(bookA.id, over) }, { token: treasurerA.token });
      const error = res.errors?.[0];
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions.fields?.map((f) => f.field)).toContain(field);
      if (reason) expect(error?.extensions.reason).toBe(reason);
      expect(await entries()).toBe(before);
    });

    it('an amount with decimals is refused by the Amount scalar, as a variable and as a literal', async () => {
      const before = await entries();
      const variable = await t.gql(CREATE, { input: entryInput(bookA.id, { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 100.5 }, { accountCode: '1100', side: 'CREDIT', amount: 100.5 }] }) }, { token: treasurerA.token });
      expect(variable.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(variable.errors?.[0].message).toMatch(/whole number/);
      const literal = await t.gql(
        `mutation { createManualJournalEntry(input: { bookId: "${bookA.id}", entryDate: "2025-06-10", memo: "x",
          lines: [{ accountCode: "1200", side: DEBIT, amount: 100.5 }, { accountCode: "1100", side: CREDIT, amount: 100.5 }] }) { id } }`,
        {},
        { token: treasurerA.token },
      );
      expect(literal.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await entries()).toBe(before);
    });

    it('errors are in Japanese for Japanese callers', async () => {
      const res = await t.gql(CREATE, { input: entryInput(bookA.id, { lines: [{ accountCode: '1200', side: 'DEBIT', amount: 2 }, { accountCode: '1100', side: 'CREDIT', amount: 1 }] }) }, { token: treasurerA.token, locale: 'ja' });
      expect(res.errors?.[0].message).toMatch(/借方合計/);
    });
  });

  describe('reports', () => {
    let book: Book;
    let cashId: string;
    beforeAll(async () => {
      book = await branchBook('KYT');
      for (const [date, amount] of [['2025-05-02', 100], ['2025-05-20', 200], ['2025-06-01', 300], ['2025-06-03', 400], ['2025-06-05', 500]] as const) {
        const res = await t.gql(CREATE, { input: entryInput(book.id, { entryDate: date, lines: [{ accountCode: '1100', side: 'DEBIT', amount }, { accountCode: '3100', side: 'CREDIT', amount }] }) }, { token: admin });
        expect(res.errors).toBeUndefined();
      }
      await t.gql(CREATE, {
        input: entryInput(book.id, {
          memo: '介護研修基金への寄附 / donation',
          lines: [{ accountCode: '1200', side: 'DEBIT', amount: 30000 }, { accountCode: '4300', side: 'CREDIT', amount: 30000, fundCode: 'CARE-TRAINING' }],
        }),
      }, { token: admin });
      await t.gql(CREATE, {
        input: entryInput(book.id, {
          memo: '研修助成 / grant',
          lines: [{ accountCode: '5100', side: 'DEBIT', amount: 12000, fundCode: 'CARE-TRAINING' }, { accountCode: '1200', side: 'CREDIT', amount: 12000 }],
        }),
      }, { token: admin });
      const accounts = await t.gql(ACCOUNTS, { bookId: book.id }, { token: admin });
      cashId = accounts.data!.accounts.edges.find((e) => e.node.code === '1100')!.node.id;
    });

    it('the trial balance as of a date balances and shows each account on its normal side', async () => {
      const may = await t.gql(TRIAL_BALANCE, { bookId: book.id, asOf: '2025-05-31' }, { token: auditor });
      expect(may.data!.trialBalance.totalDebit).toEqual({ amount: 300 });
      expect(may.data!.trialBalance.totalCredit).toEqual({ amount: 300 });
      const today = await t.gql(TRIAL_BALANCE, { bookId: book.id }, { token: admin });
      const tb = today.data!.trialBalance;
      expect(tb.asOf).toBe('2025-06-15');
      expect(tb.totalDebit).toEqual(tb.totalCredit);
      const line = (code: string) => tb.lines.find((l) => l.code === code)!;
      expect(line('1100').balance).toEqual({ amount: 1500, currency: 'JPY' });
      expect(line('3100').balance).toEqual({ amount: 1500, currency: 'JPY' });
      expect(line('1200').balance).toEqual({ amount: 18000, currency: 'JPY' });
      expect(line('4300')).toMatchObject({ nameJa: '指定寄附金収入', type: 'INCOME', balance: { amount: 30000 } });
    });

    it('a treasurer cannot read another branch’s trial balance', async () => {
      const res = await t.gql(TRIAL_BALANCE, { bookId: book.id }, { token: treasurerA.token });
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('balances by fund: restricted income less the expense charged to the fund', async () => {
      const res = await t.gql(FUND_BALANCES, { bookId: book.id }, { token: auditor });
      expect(res.data!.fundBalances).toEqual([{ fundCode: 'CARE-TRAINING', income: { amount: 30000 }, expense: { amount: 12000 }, balance: { amount: 18000 } }]);
    });

    it('an account’s entries page by keyset with a running balance', async () => {
      const seen: ResultOf<typeof ACCOUNT_ENTRIES>['accountEntries']['edges'][number]['node'][] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const conn: ResultOf<typeof ACCOUNT_ENTRIES>['accountEntries'] = (await t.gql(ACCOUNT_ENTRIES, { accountId: cashId, first: 2, after }, { token: admin })).data!.accountEntries;
        seen.push(...conn.edges.map((e) => e.node));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(seen.map((n) => n.entryDate)).toEqual(['2025-05-02', '2025-05-20', '2025-06-01', '2025-06-03', '2025-06-05']);
      expect(seen.map((n) => n.balanceAfter.amount)).toEqual([100, 300, 600, 1000, 1500]);
      const bad = await t.gql(ACCOUNT_ENTRIES, { accountId: cashId, first: 2, after: 'nonsense' }, { token: admin });
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('reversal', () => {
    it('reverses an entry today, audited; the original points at its reversal; twice is the same reversal', async () => {
      const created = await t.gql(CREATE, { input: entryInput(bookA.id) }, { token: treasurerA.token });
      const id = created.data!.createManualJournalEntry.id;
      const res = await t.gql(REVERSE, { id, memo: '二重記帳の取消 / entered twice' }, { token: treasurerA.token });
      expect(res.errors).toBeUndefined();
      const reversal = res.data!.reverseJournalEntry;
      expect(reversal).toMatchObject({ entryDate: '2025-06-15', reversesEntryId: id, lines: [{ side: 'CREDIT', accountCode: '1200' }, { side: 'DEBIT', accountCode: '1100' }] });
      const again = await t.gql(REVERSE, { id, memo: 'again' }, { token: treasurerA.token });
      expect(again.data!.reverseJournalEntry.id).toBe(reversal.id);
      const original = await t.gql(REVERSED_BY, { id }, { token: auditor });
      expect(original.data!.journalEntry.reversedByEntryId).toBe(reversal.id);
      expect(await auditCount('ledger.entry.reverse')).toBe(1);
    });

    it('a treasurer cannot reverse another branch’s entry', async () => {
      const created = await t.gql(CREATE, { input: entryInput(bookB.id) }, { token: admin });
      const res = await t.gql(REVERSE, { id: created.data!.createManualJournalEntry.id, memo: 'x' }, { token: treasurerA.token });
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('periods', () => {
    it('the book’s treasurer closes a past month; a manual entry dated in it is then refused with PERIOD_CLOSED', async () => {
      const closed = await t.gql(CLOSE, { bookId: bookA.id, month: '2025-05' }, { token: treasurerA.token });
      expect(closed.data!.closePeriod).toEqual({ bookId: bookA.id, month: '2025-05', status: 'CLOSED', closedBy: treasurerA.userId });
      expect(await auditCount('ledger.period.close')).toBe(1);
      const before = await entries();
      const res = await t.gql(CREATE, { input: entryInput(bookA.id, { entryDate: '2025-05-31' }) }, { token: treasurerA.token });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_CLOSED', fields: [{ field: 'input.entryDate' }] });
      expect(await entries()).toBe(before);
      const periods = await t.gql(PERIODS, { bookId: bookA.id }, { token: auditor });
      expect(periods.data!.periods.edges.map((e) => e.node)).toEqual([{ month: '2025-05', status: 'CLOSED' }]);
    });

    it('closing twice is a conflict; closing this month or a later one is refused', async () => {
      expect((await t.gql(CLOSE, { bookId: bookA.id, month: '2025-05' }, { token: admin })).errors?.[0].extensions.reason).toBe('PERIOD_ALREADY_CLOSED');
      const current = await t.gql(CLOSE, { bookId: bookA.id, month: '2025-06' }, { token: admin });
      expect(current.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_NOT_ENDED' });
      const malformed = await t.gql(CLOSE, { bookId: bookA.id, month: '2025-13' }, { token: admin });
      expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'month' }] });
    });

    it('who may close: not a treasurer of another branch, not the auditor; a branch admin of the branch may', async () => {
      expect((await t.gql(CLOSE, { bookId: bookB.id, month: '2025-04' }, { token: treasurerA.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(CLOSE, { bookId: bookA.id, month: '2025-04' }, { token: auditor })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(CLOSE, { bookId: federation.id, month: '2025-04' }, { token: branchAdminA })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(CLOSE, { bookId: bookA.id, month: '2025-04' }, { token: branchAdminA })).data!.closePeriod.status).toBe('CLOSED');
      expect(Number((await t.db.query(`SELECT count(*) FROM ledger_periods WHERE book_id = $1`, [bookB.id]))[0].count)).toBe(0);
    });

    it('only a federation admin reopens, audited; then the month accepts entries again', async () => {
      expect((await t.gql(REOPEN, { bookId: bookA.id, month: '2025-05' }, { token: treasurerA.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.gql(REOPEN, { bookId: bookA.id, month: '2025-05' }, { token: branchAdminA })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const reopened = await t.gql(REOPEN, { bookId: bookA.id, month: '2025-05' }, { token: admin });
      expect(reopened.data!.reopenPeriod).toMatchObject({ status: 'OPEN', month: '2025-05' });
      expect(await auditCount('ledger.period.reopen')).toBe(1);
      expect((await t.gql(REOPEN, { bookId: bookA.id, month: '2025-05' }, { token: admin })).errors?.[0].extensions.reason).toBe('PERIOD_NOT_CLOSED');
      const res = await t.gql(CREATE, { input: entryInput(bookA.id, { entryDate: '2025-05-31' }) }, { token: treasurerA.token });
      expect(res.data!.createManualJournalEntry.entryDate).toBe('2025-05-31');
    });
  });
});
