import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import { AccountCode, BookService, LedgerPosting, type Book } from '#ledger';
import { createBranch } from '#testing';
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
    const branch = await createBranch(t.app, { code: 'NGY', nameJa: '名古屋支部', nameEn: 'Nagoya', prefecture: '愛知県' });
    book = await t.app.get(BookService).bookForBranch(branch.id);
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
    // Put right the way a mistake is (a reversing entry), so the file's closing checks hold again.
    await t.app.get(LedgerPosting).reverseByKey(book.id, 'invoice:without-its-invoice', { idempotencyKey: 'invoice:without-its-invoice:reversed', entryDate: '2025-05-01', memo: '取消 / reversed' });
    const again = await verify(t);
    expect(again.out).not.toContain('CONTROL:');
  });

  it('names a branch book whose 他会計未払金 no longer mirrors the federation book’s 他会計未収金, and exits 1', async () => {
    const federation = await t.app.get(BookService).federationBook();
    // Broken on purpose through the ledger's posting service: a settlement posted in the branch book only,
    // its federation half never written (the mirror a dues share or a settlement always posts).
    await t.app.get(LedgerPosting).post({
      bookId: book.id,
      entryDate: '2025-05-02',
      source: 'SETTLEMENT',
      sourceId: 'no-such-settlement',
      idempotencyKey: 'settlement:one-half-only',
      memo: '片側だけの精算 / a settlement with one half only',
      lines: [
        { accountCode: AccountCode.DueToOtherBooks, side: 'DEBIT', amount: 4200n, counterpartyBookId: federation.id },
        { accountCode: AccountCode.Cash, side: 'CREDIT', amount: 4200n },
      ],
    });
    const result = await verify(t);
    expect(result.exitCode).toBe(1);
    // Named from both sides: the branch book's 2200 (debit-positive 4200) against the federation's 1500 (0), and the other way round.
    expect(result.out).toContain(`MIRROR: book ${book.id} 2200 他会計未払金 naming ${federation.id} is 4200, its mirror 0`);
    expect(result.out).toContain(`MIRROR: book ${federation.id} 1500 他会計未収金 naming ${book.id} is 0, its mirror 4200`);
    expect(result.out).not.toContain('OK: control accounts agree');
    await t.app.get(LedgerPosting).reverseByKey(book.id, 'settlement:one-half-only', { idempotencyKey: 'settlement:one-half-only:reversed', entryDate: '2025-05-02', memo: '取消 / reversed' });
    const again = await verify(t);
    expect(again.out).not.toContain('MIRROR:');
    expect(again.out).toContain('OK: control accounts agree');
    expect(again.exitCode).toBe(0);
  });
});
