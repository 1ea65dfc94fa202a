import { validateInput } from '#auth';
import { DuesQueries } from '#dues';
import { PaymentRecording, PaymentVoiding, RecordPaymentInput, RecordSettlementInput, SettlementDirection, SettlementRecording, VoidPaymentArgs } from '#payments';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, OptionProblems, UNRESOLVED_ID, actorOf, amountOf, branchOf, invoiceOf, memberOf, paymentOf, refusals, yen } from '../cli-input.js';

/**
 * `rentai payments:record --member P0000001 --amount 12000 --received-on 2027-04-10 [--method CASH]
 *   [--invoice TKY-2027-000042 …] [--fee 0] [--reference "振込 0001"] [--allow-credit] [--as treasurer@…]`:
 *   money received, allocated to the member's invoices (recordPayment's service: the one path for money in).
 * `rentai payments:void --payment <reference|id> --reason "…"`: voids a payment (voidPayment's service), named by the reference
 *   recorded with it (振込の照会番号) or its id (several payments with that reference: refused, listing them): its invoices reopen,
 *   its entries are reversed.
 * `rentai settlement:record --branch TKY --amount 3600 --settled-on 2027-04-30 [--direction FEDERATION_TO_BRANCH]`:
 *   a settlement transfer between a branch and the federation (recordSettlement's service), clearing the pair in both books.
 */
export const paymentsRecordCommand: CliCommand = (program, app) => {
  program
    .command('payments:record')
    .description("Record money received for a member's invoices / 入金を記録する (会員の請求書に充当)")
    .requiredOption('--member <number>', '会員番号 (例 P0000001) または会員ID')
    .requiredOption('--amount <yen>', '受け取った金額 (円、正の整数)')
    .requiredOption('--received-on <date>', '入金日 YYYY-MM-DD (今日以前)')
    .option('--method <method>', 'CASH (現金) | BANK_TRANSFER (振込)', 'BANK_TRANSFER')
    .option('--invoice <numbers...>', '充当する請求書番号 (例 TKY-2027-000042)、この順に充当')
    .option('--fee <yen>', '手数料 (銀行などが差し引いた額、円)')
    .option('--reference <text>', '振込の照会番号・領収書控えの番号など')
    .option('--memo <text>', 'メモ')
    .option('--allow-credit', '請求額を超える分を前受金 (クレジット) として残す')
    .option('--idempotency-key <key>', '再実行しても二重に記録しないためのキー (8文字以上)')
    .option(...AS_OPTION)
    .action(
      async (o: {
        member: string;
        amount: string;
        receivedOn: string;
        method: string;
        invoice?: string[];
        fee?: string;
        reference?: string;
        memo?: string;
        allowCredit?: boolean;
        idempotencyKey?: string;
        as?: string;
      }) =>
        refusals(async () => {
          const context = await app();
          const problems = new OptionProblems();
          const [actor, member] = await Promise.all([problems.settle('--as', actorOf(context, o.as)), problems.settle('--member', memberOf(context, o.member))]);
          // Invoices as the actor may read them; with no actor there is no one to read them as (that refusal is listed).
          const invoices = actor ? await Promise.all((o.invoice ?? []).map((n) => problems.settle('--invoice', invoiceOf(context, actor, n)))) : [];
          const input = await problems.settle(
            'input',
            validateInput(
              RecordPaymentInput,
              {
                memberId: member?.id ?? UNRESOLVED_ID,
                method: o.method,
                amount: { amount: amountOf(o.amount), currency: 'JPY' },
                fee: amountOf(o.fee),
                receivedOn: o.receivedOn,
                reference: o.reference,
                allocations: invoices.map((i) => ({ invoiceId: i?.id ?? UNRESOLVED_ID })),
                allowCredit: o.allowCredit ?? false,
                memo: o.memo,
                idempotencyKey: o.idempotencyKey,
              },
              'input',
            ),
          );
          problems.refuse();
          if (!actor || !member || !input) return;
          const { payment, allocations, replayed } = await context.get(PaymentRecording).record(actor, input.toCommand());
          process.stdout.write(
            `payment ${payment.id} ${replayed ? 'already recorded / 記録済み' : 'recorded / 入金を記録しました'}: ${member.memberNumber} ${yen(payment.amount)} ${payment.method} ` +
              `received 入金日 ${payment.receivedOn}, posted 計上日 ${payment.postedOn}\n`,
          );
          const queries = context.get(DuesQueries);
          let allocated = 0n;
          for (const a of allocations) {
            const invoice = await queries.invoice(actor, a.invoiceId);
            allocated += a.amount;
            process.stdout.write(`  ${invoice.number}: ${yen(a.amount)} → ${invoice.status} (outstanding 未収 ${yen(invoice.amount - invoice.paidAmount)})\n`);
          }
          if (payment.amount > allocated) process.stdout.write(`  credit 前受金: ${yen(payment.amount - allocated)}\n`);
        }),
    );

  program
    .command('payments:void')
    .description('Void a payment: its invoices reopen, its journal entries are reversed / 入金を取り消す (請求書は未収に戻り、仕訳は逆仕訳)')
    .requiredOption('--payment <reference>', '入金時に記録した支払参照番号 (振込の照会番号・領収書控えの番号) または入金ID (payments:record が表示したもの)')
    .requiredOption('--reason <text>', '取消理由 (監査ログに記録)')
    .option(...AS_OPTION)
    .action(async (o: { payment: string; reason: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        const actor = await problems.settle('--as', actorOf(context, o.as));
        const found = actor && (await problems.settle('--payment', paymentOf(context, actor, o.payment)));
        const args = await problems.settle('input', validateInput(VoidPaymentArgs, { id: found?.id ?? UNRESOLVED_ID, reason: o.reason }, 'input'));
        problems.refuse();
        if (!actor || !args) return;
        const { payment } = await context.get(PaymentVoiding).void(actor, args.id, args.reason);
        process.stdout.write(`payment ${payment.id} voided / 入金を取り消しました: ${yen(payment.amount)} received 入金日 ${payment.receivedOn}\n`);
      }),
    );

  program
    .command('settlement:record')
    .description('Record a settlement transfer between a branch and the federation / 支部・連合会間の精算 (振替) を記録する')
    .requiredOption('--branch <code>', '支部コード (例 TKY)')
    .requiredOption('--amount <yen>', '精算額 (円、正の整数)')
    .requiredOption('--settled-on <date>', '振替日 YYYY-MM-DD (今日以前)')
    .option('--direction <direction>', 'BRANCH_TO_FEDERATION (支部→連合会、既定) | FEDERATION_TO_BRANCH (連合会→支部、連合会管理者のみ)')
    .option('--reference <text>', '振込の照会番号など')
    .option('--memo <text>', 'メモ')
    .option('--idempotency-key <key>', '再実行しても二重に記録しないためのキー (8文字以上)')
    .option(...AS_OPTION)
    .action(async (o: { branch: string; amount: string; settledOn: string; direction?: string; reference?: string; memo?: string; idempotencyKey?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        const [actor, branch] = await Promise.all([problems.settle('--as', actorOf(context, o.as)), problems.settle('--branch', branchOf(context, o.branch))]);
        const input = await problems.settle(
          'input',
          validateInput(
            RecordSettlementInput,
            {
              branchId: branch?.id ?? UNRESOLVED_ID,
              direction: o.direction,
              amount: { amount: amountOf(o.amount), currency: 'JPY' },
              settledOn: o.settledOn,
              reference: o.reference,
              memo: o.memo,
              idempotencyKey: o.idempotencyKey,
            },
            'input',
          ),
        );
        problems.refuse();
        if (!actor || !branch || !input) return;
        const { settlement, replayed } = await context.get(SettlementRecording).record(actor, input.toCommand());
        const way = settlement.direction === SettlementDirection.BRANCH_TO_FEDERATION ? `${branch.code} → federation 連合会` : `federation 連合会 → ${branch.code}`;
        process.stdout.write(
          `settlement ${settlement.id} ${replayed ? 'already recorded / 記録済み' : 'recorded / 精算を記録しました'}: ${way} ${yen(settlement.amount)} on 振替日 ${settlement.settledOn}, posted 計上日 ${settlement.postedOn}\n`,
        );
      }),
    );
};
