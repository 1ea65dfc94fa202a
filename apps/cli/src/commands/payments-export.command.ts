import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { progressBar } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { PaymentReports, SettlementStatements, type PaymentMethod } from '#payments';
import type { CliCommand } from '../cli-command.js';
import { branchOf, refusals } from '../cli-input.js';

/**
 * `rentai payments:export --branch <id> --from 2026-04-01 --to 2027-03-31 [--method CASH] [--out file.csv]`
 * `rentai settlement:statement --branch TKY --from … --to … [--out file.csv]` (branch by code or id)
 * CSV in UTF-8 with BOM (opens in Excel), headers in Japanese and English.
 */
export const paymentsExportCommand: CliCommand = (program, app) => {
  program
    .command('payments:export')
    .description('Export payments as CSV / 入金一覧をCSVで出力')
    .option('--branch <id>', 'branch id (all branches when omitted)')
    .option('--from <date>', 'received on or after, YYYY-MM-DD')
    .option('--to <date>', 'received on or before, YYYY-MM-DD')
    .option('--method <method>', 'CASH | BANK_TRANSFER | CARD | KONBINI | BANK_STATEMENT')
    .option('--member <id>', 'member id')
    .option('--out <file>', 'output file (stdout when omitted)')
    .action(async (options: { branch?: string; from?: string; to?: string; method?: PaymentMethod; member?: string; out?: string }) => {
      const reports = (await app()).get(PaymentReports);
      const query = { branchId: options.branch, from: options.from, to: options.to, method: options.method, memberId: options.member };
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      const bar = progressBar('payments', await reports.count(SYSTEM_ACTOR, query));
      const rows = await reports.exportCsv(
        SYSTEM_ACTOR,
        query,
        async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        },
        (n) => bar.increment(n),
      );
      bar.stop();
      if (options.out) {
        out.end();
        await once(out, 'finish');
      }
      process.stderr.write(`${rows} payments / 件\n`);
    });

  program
    .command('settlement:statement')
    .description("A branch's settlement statement with the federation as CSV / 支部・連合会間の精算明細をCSVで出力")
    .requiredOption('--branch <code>', 'branch code (e.g. TKY) or id / 支部コードまたは支部ID')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .option('--out <file>', 'output file (stdout when omitted)')
    .action(async (options: { branch: string; from: string; to: string; out?: string }) =>
      refusals(async () => {
        const context = await app();
        const branch = await branchOf(context, options.branch);
        const csv = await context.get(SettlementStatements).csv(SYSTEM_ACTOR, branch.id, options.from, options.to);
        if (options.out) {
          const out = createWriteStream(options.out);
          out.end(csv);
          await once(out, 'finish');
        } else {
          process.stdout.write(csv);
        }
      }),
    );
};
