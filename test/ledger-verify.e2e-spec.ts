import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { AccountCode, BookKind, BookService, LedgerPosting, type Book } from '#ledger';
import { ledgerVerifyCommand } from '../apps/cli/src/commands/ledger-verify.command.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';

// Against real PostgreSQL on a shared 2-core machine: generous, never asserted.
jest.setTimeout(60_000);

/** Runs `rentai ledger:verify …` against the test app, capturing what it prints. */
async function verify(t: TestApp, ...args: string[]): Promise<{ out: string; exitCode: number }> {
  const program = new Command('rentai').exitOverride();
  ledgerVerifyCommand(program, async () => t.app);
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const before = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'rentai', 'ledger:verify', ...args]);
  } finally {
    process.stdout.write = write;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { out: chunks.join(''), exitCode };
}

describe('npm run cli -- ledger:verify', () => {
  let t: TestApp;
  let book: Book;
  let entryIds: string[];

  beforeAll(async () => {
    t = await TestApp.start();
    const [branch] = await t.db.query(`INSERT INTO branches (code, name_ja, name_en, prefecture) VALUES ('NGY', '名古屋支部', 'Nagoya', '愛知県') RETURNING id`);
    book = await t.app.get(BookService).openBook({ kind: BookKind.Branch, branchId: branch.id, nameJa: '名古屋支部', nameEn: 'Nagoya' });
    const posted = await t.app.get(LedgerPosting).postMany(
      Array.from({ length: 250 }, (_, i) => ({
        bookId: book.id,
        entryDate: '2025-04-01',
        source: 'PAYMENT' as const,
        sourceId: `pay-${i}`,
        idempotencyKey: `payment:${i}`,
        memo: `会費 ${i}`,
        // Dues received in cash (ON_RECEIPT): no invoice claims a receivable, so the control accounts agree.
        lines: [
          { accountCode: AccountCode.Cash, side: 'DEBIT' as const, amount: 3000n },
          { accountCode: AccountCode.DuesIncome, side: 'CREDIT' as const, amount: 3000n },
        ],
      })),
    );
    entryIds = posted.map((p) => p.entryId);
  });

  afterAll(() => checkThenClose(t, ledgerBalances));

  it('reports an intact chain', async () => {
    const result = await verify(t, '--batch', '40');
    expect(result).toEqual({ out: expect.stringContaining('OK: 250 journal entries verified'), exitCode: 0 });
  });

  it('names the entry whose amount was changed behind the triggers, and exits 1', async () => {
    const victim = entryIds[123];
    const tamper = (amount: number) =>
      t.db.transaction(async (m) => {
        await m.query(`SET LOCAL session_replication_role = replica`);
        await m.query(`UPDATE journal_lines SET amount = $2 WHERE entry_id = $1`, [victim, amount]);
      });
    await tamper(30);
    try {
      const result = await verify(t, '--batch', '40');
      expect(result.exitCode).toBe(1);
      expect(result.out).toContain(`journal entry ${victim} (seq 124): CONTENT_ALTERED`);
    } finally {
      await tamper(3000);
    }
    expect((await verify(t, '--book', book.id)).exitCode).toBe(0);
  });

  it('names a branch book whose 未収会費 does not equal its accrued invoices, and exits 1', async () => {
    await t.app.get(LedgerPosting).post({
      bookId: book.id,
      entryDate: '2025-05-01',
      source: 'INVOICE',
      sourceId: 'no-such-invoice',
      idempotencyKey: 'invoice:without-its-invoice',
      memo: '請求書のない未収会費 / a receivable no invoice backs',
      lines: [
        { accountCode: AccountCode.DuesReceivable, side: 'DEBIT', amount: 3000n },
        { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: 3000n },
      ],
    });
    const result = await verify(t);
    expect(result.out).toContain(`CONTROL: book ${book.id}: 未収会費 3000 ≠ open accrued invoices 0`);
    expect(result.exitCode).toBe(1);
  });
});
