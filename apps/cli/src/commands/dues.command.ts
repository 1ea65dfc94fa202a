import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { progressBar, type Progress } from '#core';
import { BranchDirectory } from '#federation';
import { BookService } from '#ledger';
import { DuesRecognition, DuesReports, FiscalYearIssuance, MembershipStarts, RecognitionPolicy } from '#dues';
import type { INestApplicationContext } from '@nestjs/common';
import type { CliCommand } from '../cli-command.js';
import { CliError } from '../cli.errors.js';
import { AS_OPTION, actorAndBranch, actorOf, basisLabel, branchOf, refusals } from '../cli-input.js';

async function branchIdOf(context: INestApplicationContext, code: string | undefined): Promise<string | undefined> {
  return code ? (await branchOf(context, code)).id : undefined;
}

/**
 * `rentai dues:issue-fiscal-year --year 2027 [--branch TKY] [--as admin@…]`: issues the fiscal year's dues
 * invoices (with their ledger entries) to every eligible membership, set-based, one
 * transaction per branch; running it again issues nothing new.
 * `rentai dues:export-arrears [--branch TKY] [--out arrears.csv] [--as treasurer@…]`: the arrears list as CSV
 * (UTF-8 with BOM, headers in Japanese and English), streamed in batches.
 * `rentai dues:recognition [--set ON_RECEIPT|ACCRUAL] [--branch TKY [--follow]]`: shows the dues
 * recognition basis (会費の計上基準) of the federation and each overriding book; sets the federation's,
 * or one branch book's own (--follow: the book follows the federation again). Applies to invoices issued after it.
 * `rentai dues:start-memberships [--branch TKY] [--as treasurer@…]`: memberships paid in advance whose join date has come become
 * ACTIVE (daily; running it twice changes nothing).
 */
export const duesCommand: CliCommand = (program, app) => {
  program
    .command('dues:issue-fiscal-year')
    .description("Issue a fiscal year's dues invoices to every eligible membership / 年度会費の請求書を一括発行")
    .requiredOption('--year <year>', 'fiscal year (年度): 2027 is April 2027 – March 2028')
    .option('--branch <code>', 'one branch only, by code (e.g. TKY)')
    .option(...AS_OPTION)
    .action(async (options: { year: string; branch?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const actor = await actorOf(context, options.as);
        const year = Number(options.year);
        let bar: Progress | null = null;
        const result = await context.get(FiscalYearIssuance).issue(actor, year, {
          branchId: await branchIdOf(context, options.branch),
          onTotal: (total) => (bar = progressBar(`dues ${year}`, total)),
          onProgress: (n) => bar?.increment(n),
        });
        (bar as Progress | null)?.stop();
        for (const b of result.branches) {
          process.stdout.write(`${b.branchCode}: ${b.issued} invoices / 件 (${b.branchCode}-${year}-${String(b.firstSequence).padStart(6, '0')} … ${String(b.lastSequence).padStart(6, '0')}) ${b.recognition}\n`);
        }
        process.stdout.write(`fiscal year ${year}: ${result.issued} invoices issued / ${year}年度 請求書 ${result.issued} 件を発行しました\n`);
      }),
    );

  program
    .command('dues:export-arrears')
    .description('Export the dues arrears list as CSV / 会費の滞納一覧をCSVで出力')
    .option('--branch <code>', 'one branch only, by code (e.g. TKY)')
    .option('--out <file>', 'output file (stdout when omitted)')
    .option(...AS_OPTION)
    .action(async (options: { branch?: string; out?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const { actor, branch } = await actorAndBranch(context, options);
        // The scope is checked before the first row: a file is created only for a list the actor may read.
        const reports = context.get(DuesReports);
        await reports.arrears(actor, branch?.id, { first: 1 });
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const rows = await reports.exportArrearsCsv(actor, branch?.id, async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        });
        if (options.out) {
          out.end();
          await once(out, 'finish');
        }
        process.stderr.write(`${rows} invoices in arrears / 滞納 ${rows} 件\n`);
      }),
    );

  program
    .command('dues:start-memberships')
    .description('Activate memberships paid in advance whose join date has come / 加入日を迎えた前納済みの会員資格を有効にする')
    .option('--branch <code>', 'one branch only, by code (e.g. TKY)')
    .option(...AS_OPTION)
    .action(async (options: { branch?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const { actor, branch } = await actorAndBranch(context, options);
        const started = await context.get(MembershipStarts).activateStartedAs(actor, { branchId: branch?.id });
        process.stdout.write(`${started} memberships started / ${started} 件の会員資格を有効にしました\n`);
      }),
    );

  program
    .command('dues:recognition')
    .description('Show or set the dues recognition basis / 会費の計上基準(受取時 ON_RECEIPT・発生時 ACCRUAL)の表示・設定')
    .option('--set <policy>', 'ON_RECEIPT (default basis) or ACCRUAL')
    .option('--branch <code>', "that branch book's own basis instead of the federation's")
    .option('--follow', 'with --branch: the book follows the federation again')
    .option(...AS_OPTION)
    .action(async (options: { set?: string; branch?: string; follow?: boolean; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const actor = await actorOf(context, options.as);
        const recognition = context.get(DuesRecognition);
        if (options.set !== undefined && !Object.values(RecognitionPolicy).includes(options.set as RecognitionPolicy)) {
          throw CliError.notOneOf('--set', Object.values(RecognitionPolicy), options.set);
        }
        const policy = options.set as RecognitionPolicy | undefined;
        const branchId = await branchIdOf(context, options.branch);
        let settings = await recognition.current();
        if (branchId && (policy || options.follow)) {
          const book = await context.get(BookService).bookForBranch(branchId);
          settings = await recognition.setBookPolicy(actor, book.id, options.follow ? null : policy!);
        } else if (policy) {
          settings = await recognition.setFederationPolicy(actor, policy);
        }
        const label = basisLabel;
        process.stdout.write(`federation: ${label(settings.federation)}${settings.federationChosen ? '' : ' — default / 既定'}\n`);
        for (const o of settings.overrides) {
          const book = await context.get(BookService).findById(o.bookId);
          const code = book.branchId ? (await context.get(BranchDirectory).getMany([book.branchId])).get(book.branchId)?.code : null;
          process.stdout.write(`${code ?? `book ${o.bookId}`}: ${label(o.policy)}\n`);
        }
      }),
    );
};
