import { isIsoDate, progressBar, type Progress } from '#core';
import { AutoRenewRun } from '#payments';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorOf, refusals } from '../cli-input.js';
import { CliError } from '../cli.errors.js';

/**
 * `rentai dues:auto-renew [--on 2027-04-01] [--as admin@…]`: charges the saved cards of auto-renew memberships
 * whose renewal invoices are due (what the worker's daily job does at 06:00 Tokyo), with a progress
 * bar; running it again charges nothing twice.
 */
export const autoRenewCommand: CliCommand = (program, app) => {
  program
    .command('dues:auto-renew')
    .description('Charge saved cards for due renewal invoices (auto-renew) / 自動更新の会費をカードで決済')
    .option('--on <date>', 'business day to run for, YYYY-MM-DD (default: today in Tokyo)')
    .option(...AS_OPTION)
    .action(async (options: { on?: string; as?: string }) => {
      await refusals(async () => {
        if (options.on !== undefined && !isIsoDate(options.on)) throw CliError.notADate('--on', options.on);
        const context = await app();
        const actor = await actorOf(context, options.as);
        let bar: Progress | null = null;
        const s = await context.get(AutoRenewRun).runAs(actor, options.on, {
          onTotal: (total) => (bar = progressBar('auto-renew', total)),
          onInvoice: () => bar?.increment(1),
        });
        (bar as Progress | null)?.stop();
        process.stdout.write(
          `auto-renew ${s.on}: ${s.invoices} invoices / 件 — succeeded 成功 ${s.succeeded}, declined 拒否 ${s.declined}, ` +
            `authentication needed 本人認証待ち ${s.requires_action}, processing 処理中 ${s.processing}, no saved card カード未登録 ${s.no_card}, ` +
            `nothing due today 本日分なし ${s.nothing_due}, failed 失敗 ${s.failed}\n`,
        );
        if (s.failed > 0) process.exitCode = 1;
      });
    });
};
