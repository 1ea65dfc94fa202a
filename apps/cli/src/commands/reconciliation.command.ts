import { writeFile } from 'node:fs/promises';
import { AppError } from '#core';
import { BranchReconciliation, JournalExports, MonthEnd, type ExportFormat } from '#reconciliation';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorOf } from '../cli-input.js';

const FORMATS: ExportFormat[] = ['YAYOI', 'FREEE', 'MONEY_FORWARD', 'PLAIN'];
const yen = (n: bigint) => `¥${n.toLocaleString('en-US')}`;

/** Prints an AppError in the chosen language and sets exit code 1; anything else is a bug and is thrown. */
async function reported(lang: 'ja' | 'en', run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.text[lang]}\n`);
    process.exitCode = 1;
  }
}

/**
 * `rentai statements:month-end --account <id> --month 2026-06 [--close] [--pdf f] [--csv f] [--as treasurer@…]` — the month of a
 * bank account against the ledger (and the branch's report), closed when it agrees.
 * `rentai journal:export --book <id> --format YAYOI --from … --to … --out f [--as …]` — a book's journal for accounting software.
 */
export const reconciliationCommand: CliCommand = (program, app) => {
  program
    .command('statements:month-end')
    .description("A bank account's month against the ledger; --close closes it when they agree / 月次の銀行勘定照合と締め")
    .requiredOption('--account <id>', 'bank account id')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--close', 'close the month in the ledger when statement and ledger agree')
    .option('--pdf <file>', "write the branch's reconciliation report (PDF)")
    .option('--csv <file>', "write the branch's reconciliation report (CSV)")
    .option('--lang <lang>', 'ja | en', 'ja')
    .option(...AS_OPTION)
    .action(async (opts: { account: string; month: string; close?: boolean; pdf?: string; csv?: string; lang: string; as?: string }) => {
      const lang = opts.lang === 'en' ? 'en' : 'ja';
      await reported(lang, async () => {
        const ctx = await app();
        const actor = await actorOf(ctx, opts.as);
        const r = await ctx.get(MonthEnd).reconcile(actor, opts.account, opts.month);
        process.stdout.write(
          lang === 'ja'
            ? `${opts.month}: 月初 ${yen(r.opening)} 入金 ${yen(r.credits)} 出金 ${yen(r.debits)} 月末 ${yen(r.closing)} / 帳簿 ${yen(r.ledgerBalance)} 差額 ${yen(r.difference)} (未処理の明細 ${r.unsettled.length}, 通帳に未記帳の入金 ${r.notOnBank.length})\n`
            : `${opts.month}: opening ${yen(r.opening)} credits ${yen(r.credits)} debits ${yen(r.debits)} closing ${yen(r.closing)} / ledger ${yen(r.ledgerBalance)} difference ${yen(r.difference)} (${r.unsettled.length} unsettled lines, ${r.notOnBank.length} payments not yet on the bank)\n`,
        );
        const branchId = (await ctx.get(MonthEnd).account(actor, opts.account)).branchId;
        if (opts.pdf) await writeFile(opts.pdf, await ctx.get(BranchReconciliation).pdf(actor, branchId, opts.month));
        if (opts.csv) await writeFile(opts.csv, await ctx.get(BranchReconciliation).csv(actor, branchId, opts.month));
        if (opts.close) {
          await ctx.get(MonthEnd).close(actor, opts.account, opts.month);
          process.stdout.write(lang === 'ja' ? `${opts.month} を締めました\n` : `${opts.month} closed\n`);
        }
      });
    });

  program
    .command('journal:export')
    .description("A book's journal for accounting software (弥生, freee, Money Forward, plain CSV) / 会計ソフト用の仕訳出力")
    .requiredOption('--book <id>', 'book id')
    .requiredOption('--format <format>', FORMATS.join(' | '))
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .requiredOption('--out <file>', 'output file')
    .option('--lang <lang>', 'ja | en', 'ja')
    .option(...AS_OPTION)
    .action(async (opts: { book: string; format: string; from: string; to: string; out: string; lang: string; as?: string }) => {
      const lang = opts.lang === 'en' ? 'en' : 'ja';
      if (!FORMATS.includes(opts.format as ExportFormat)) {
        process.stderr.write(lang === 'ja' ? `形式は ${FORMATS.join(', ')} のいずれかです\n` : `The format is one of ${FORMATS.join(', ')}\n`);
        process.exitCode = 1;
        return;
      }
      await reported(lang, async () => {
        const context = await app();
        const file = await context.get(JournalExports).export(await actorOf(context, opts.as), { bookId: opts.book, format: opts.format as ExportFormat, from: opts.from, to: opts.to }, {
          progress: (n) => process.stderr.write(`${lang === 'ja' ? '仕訳' : 'Entries'}: ${n}\n`),
        });
        await writeFile(opts.out, file.content);
        process.stdout.write(lang === 'ja' ? `仕訳 ${file.entries} 件を ${opts.out} に書き出しました\n` : `${file.entries} entries written to ${opts.out}\n`);
      });
    });
};
