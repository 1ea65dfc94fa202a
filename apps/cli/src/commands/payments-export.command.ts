import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { progressBar } from '#core';
import { PaymentReports, SettlementStatements, type PaymentMethod } from '#payments';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorAndBranch, refusals } from '../cli-input.js';

/**
 * `rentai payments:export --branch TKY --from 2026-04-01 --to 2027-03-31 [--method CASH] [--out file.csv] [--as treasurer@…]`
 * `rentai settlement:statement --branch TKY --from … --to … [--out file.csv]` (branch by code or id)
 * CSV in UTF-8 with BOM (opens in Excel), headers in Japanese and English.
 */
export const paymentsExportCommand: CliCommand = (program, app) => {
  program
    .command('payments:export')
    .description('Export payments as CSV / 入金一覧をCSVで出力')
    .option('--branch <code>', 'branch code (e.g. TKY) or id (all branches in scope when omitted)')
    .option('--from <date>', 'received on or after, YYYY-MM-DD')
    .option('--to <date>', 'received on or before, YYYY-MM-DD')
    .option('--method <method>', 'CASH | BANK_TRANSFER | CARD | KONBINI | BANK_STATEMENT')
    .option('--member <id>', 'member id')
    .option('--out <file>', 'output file (stdout when omitted)')
    .option(...AS_OPTION)
    .action(async (options: { branch?: string; from?: string; to?: string; method?: PaymentMethod; member?: string; out?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const { actor, branch } = await actorAndBranch(context, options);
        const reports = context.get(PaymentReports);
        const query = { branchId: branch?.id, from: options.from, to: options.to, method: options.method, memberId: options.member };
        // Counting checks the scope: nothing is written for a branch the actor may not read.
        const total = await reports.count(actor, query);
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const bar = progressBar('payments', total);
        const rows = await reports.exportCsv(
          actor,
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
      }),
    );

  program
    .command('settlement:statement')
    .description("A branch's settlement statement with the federation as CSV / 支部・連合会間の精算明細をCSVで出力")
    .requiredOption('--branch <code>', 'branch code (e.g. TKY) or id / 支部コードまたは支部ID')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .option('--out <file>', 'output file (stdout when omitted)')
    .option(...AS_OPTION)
    .action(async (options: { branch: string; from: string; to: string; out?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const { actor, branch } = await actorAndBranch(context, options);
        const csv = await context.get(SettlementStatements).csv(actor, branch!.id, options.from, options.to);
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
