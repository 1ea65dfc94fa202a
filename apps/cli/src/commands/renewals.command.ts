import { progressBar, progressCount, type Progress } from '#core';
import { RenewalRun, type RenewalStep } from '#renewals';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, actorAndBranch, refusals } from '../cli-input.js';

const LABEL: Record<RenewalStep, string> = { invoices: 'renewal invoices / 更新請求書', reminders: 'reminders / 更新のお知らせ' };

/**
 * `rentai renewals:run [--branch TKY] [--as treasurer@…]`: today's renewal run now, as the daily job does (renewal
 * invoices, grace and lapse, reminders), with a progress bar per step. Running it again the same
 * day does nothing more.
 */
export const renewalsCommand: CliCommand = (program, app) => {
  program
    .command('renewals:run')
    .description("Run today's renewals now: renewal invoices, grace and lapse, reminders / 本日の更新処理を実行 (更新請求書・猶予・失効・お知らせ)")
    .option('--branch <code>', 'one branch only, by code (e.g. TKY)')
    .option(...AS_OPTION)
    .action(async (options: { branch?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const { actor, branch } = await actorAndBranch(context, options);
        const branchId = branch?.id;
        const bars = new Map<string, Progress>();
        // Who may run it is the service's rule (runRenewals' too): a treasurer their branch, the whole federation an admin.
        const result = await context.get(RenewalRun).runAs(actor, {
          branchId,
          onTotal: (step, total) => {
            bars.get(step)?.stop();
            if (total > 0) bars.set(step, progressBar(LABEL[step], total));
          },
          onProgress: (step, n) => {
            // The reminder candidates are read in keyset batches, their number unknown until the last: counted as they come.
            if (step === 'reminders' && !bars.has(step)) bars.set(step, progressCount((done) => `${LABEL.reminders}: ${done} open invoices checked / 未払いの請求書 ${done}件を確認`));
            bars.get(step)?.increment(n);
          },
        });
        for (const bar of bars.values()) bar.stop();
        process.stdout.write(
          [
            `renewals ${result.asOf}${options.branch ? ` (${options.branch})` : ''} / ${result.asOf} の更新処理`,
            `  started (paid in advance) / 開始            ${result.started}`,
            `  fiscal-year invoices / 年度更新請求書       ${result.fiscalYearInvoices}`,
            `  renewal invoices / 更新請求書               ${result.renewalInvoices}`,
            `  into grace / 猶予期間へ                     ${result.intoGrace}`,
            `  lapsed / 失効                               ${result.lapsed}`,
            `  reminders sent / お知らせ送信               ${result.remindersSent}`,
          ].join('\n') + '\n',
        );
      }),
    );
};
