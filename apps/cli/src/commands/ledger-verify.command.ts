import { ChainVerifier, STANDARD_CHART } from '#ledger';
import { DuesControlAccounts } from '#dues';
import { progressBar } from '#core';
import type { CliCommand } from '../cli-command.js';

/**
 * `ledger:verify [--book <id>] [--batch <n>]`: walks every book's hash chain (電子帳簿保存法 style
 * tamper evidence) a batch at a time and names the first entry of each book that was altered.
 * Then checks the control-account rule (DuesControlAccounts): 未収会費 of each branch book against its
 * ACCRUAL invoices, and the inter-book accounts' mirrors. Exit code 1 when anything was found.
 */
export const ledgerVerifyCommand: CliCommand = (program, app) => {
  program
    .command('ledger:verify')
    .description('Verify the journal hash chain of every book / 仕訳のハッシュチェーンを検証する')
    .option('--book <id>', 'only this book')
    .option('--batch <n>', 'entries read per query', '2000')
    .action(async (options: { book?: string; batch: string }) => {
      const context = await app();
      const verifier = context.get(ChainVerifier);
      const total = await verifier.countEntries(options.book);
      const bar = progressBar('ledger:verify', total);
      let reported = 0;
      const result = await verifier.verify({
        bookId: options.book,
        batchSize: Math.max(1, Number(options.batch) || 2000),
        onProgress: (checked) => {
          bar.increment(checked - reported);
          reported = checked;
        },
      });
      bar.stop();
      const control = await context.get(DuesControlAccounts).check();
      for (const r of control.receivables.filter((x) => !x.agrees)) {
        process.stdout.write(`CONTROL: book ${r.bookId}: 未収会費 ${r.ledger} ≠ open accrued invoices ${r.invoices} / 未収会費の残高が未収の請求書と一致しません\n`);
      }
      for (const m of control.interBook) {
        const account = STANDARD_CHART.find((a) => a.code === m.accountCode);
        process.stdout.write(`MIRROR: book ${m.bookId} ${m.accountCode} ${account?.nameJa ?? ''} naming ${m.counterpartyBookId} is ${m.balance}, its mirror ${m.mirror} / 他会計勘定が相手帳簿と一致しません\n`);
      }
      if (!control.ok) process.exitCode = 1;
      if (result.findings.length === 0) {
        process.stdout.write(`OK: ${result.entriesChecked} journal entries verified / 仕訳 ${result.entriesChecked} 件を検証しました (改ざんなし)\n`);
        if (control.ok) process.stdout.write(`OK: control accounts agree / 統制勘定は補助簿と一致しています\n`);
        return;
      }
      for (const f of result.findings) {
        process.stdout.write(
          `ALTERED: book ${f.bookId}${f.chainWith ? ` (chain with book ${f.chainWith})` : ''}, journal entry ${f.entryId ?? '(none)'} (seq ${f.seq}): ${f.problem} / 帳簿 ${f.bookId}${f.chainWith ? ` (帳簿 ${f.chainWith} との連鎖)` : ''} の仕訳 ${f.entryId ?? '-'} に改ざんの痕跡\n`,
        );
      }
      process.exitCode = 1;
    });
};
