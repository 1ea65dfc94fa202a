import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { progressBar } from '#core';
import { AnnualReceiptRun, DonorRegister, type RegisterEncoding } from '#receipts';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorOf, refusals } from '../cli-input.js';

/**
 * `rentai receipts:annual [--year 2025] [--as admin@…]`: the annual donation receipts of a calendar year (the year
 * before today's when omitted), with a progress bar; a second run issues nothing more.
 * `rentai receipts:donor-register --book <id> --fiscal-year 2026 [--encoding sjis] [--out file.csv] [--as treasurer@…]`: 寄附者名簿.
 */
export const receiptsCommand: CliCommand = (program, app) => {
  program
    .command('receipts:annual')
    .description('Issue the annual donation receipts of a calendar year / 年間の寄附金受領証明書を発行')
    .option('--year <year>', 'calendar year covered, e.g. 2025 (default: last year, Asia/Tokyo)')
    .option(...AS_OPTION)
    .action(async (options: { year?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const actor = await actorOf(context, options.as);
        const run = context.get(AnnualReceiptRun);
        const year = options.year ? Number(options.year) : run.previousYear();
        if (!Number.isInteger(year) || year < 2000 || year > 2100) {
          process.stderr.write(`--year: 2000〜2100 の年を指定してください / give a year from 2000 to 2100 (got ${options.year})\n`);
          process.exitCode = 1;
          return;
        }
        const bar = progressBar(`annual receipts ${year}`, await run.pending(year));
        const result = await run.runAs(actor, year, (n) => bar.increment(n)).finally(() => bar.stop());
        process.stdout.write(`${year}年分 寄附金受領証明書: 発行 ${result.issued}件, 発行済み ${result.alreadyIssued}件 / ${year} annual receipts: ${result.issued} issued, ${result.alreadyIssued} issued before\n`);
      }),
    );

  program
    .command('receipts:donor-register')
    .description('The donor register of a book and fiscal year as CSV / 寄附者名簿をCSVで出力')
    .requiredOption('--book <id>', 'issuing book id')
    .requiredOption('--fiscal-year <year>', 'fiscal year (April–March), e.g. 2026')
    .option('--encoding <encoding>', 'utf8 (with BOM) | sjis', 'utf8')
    .option('--out <file>', 'output file (stdout when omitted)')
    .option(...AS_OPTION)
    .action(async (options: { book: string; fiscalYear: string; encoding: string; out?: string; as?: string }) =>
      refusals(async () => {
        const encoding: RegisterEncoding = options.encoding === 'sjis' ? 'SHIFT_JIS' : 'UTF8_BOM';
        const context = await app();
        const file = await context.get(DonorRegister).csv(await actorOf(context, options.as), options.book, Number(options.fiscalYear), encoding);
        if (options.out) {
          const out = createWriteStream(options.out);
          out.end(file.content);
          await once(out, 'finish');
        } else {
          process.stdout.write(file.content);
        }
        process.stderr.write(`${file.rows} gifts / 件\n`);
      }),
    );
};
