import { writeFile } from 'node:fs/promises';
import { validateInput } from '#auth';
import { DuesPlanService, DuesReports, FiscalYearArgs, InvoiceVoiding, JoinMembershipInput, MembershipService, RecognitionPolicy, VoidDuesInvoiceInput } from '#dues';
import type { CliCommand } from '../cli-command.js';
import { AS_OPTION, OptionProblems, UNRESOLVED_ID, actorOf, basisLabel, branchOf, invoiceOf, memberOf, refusals, yearOf, yen } from '../cli-input.js';
import { CliError } from '../cli.errors.js';

const REPORT_BY = ['branch', 'plan'];

/** What both dues reports measure per row. */
type Measures = Pick<Awaited<ReturnType<DuesReports['status']>>[number], 'members' | 'invoicedCount' | 'invoicedAmount' | 'paidCount' | 'paidAmount' | 'outstandingCount' | 'outstandingAmount'>;

const measures = (r: Measures) =>
  `members 会員 ${r.members} · invoiced 請求 ${r.invoicedCount} ${yen(r.invoicedAmount)} · paid 完納 ${r.paidCount}, received 入金 ${yen(r.paidAmount)} · outstanding 未収 ${r.outstandingCount} ${yen(r.outstandingAmount)}`;

/**
 * `rentai dues:join --member P0000001 --plan IND [--joined-on 2027-04-01] [--as treasurer@…]`: a member
 * joins a dues plan — the membership and its first invoice (joinMembership's service).
 * `rentai dues:void-invoice --invoice TKY-2027-000042 --reason "…"`: voids an invoice with nothing paid
 * (voidDuesInvoice's service; an accrued invoice's share of its entry is reversed).
 * `rentai dues:report --year 2027 [--by branch|plan] [--branch TKY] [--out f.csv]`: the dues of a fiscal year
 * per branch (duesBranchTotals) or per branch and plan (duesStatus), each row with its book's basis.
 */
export const duesMembershipCommand: CliCommand = (program, app) => {
  program
    .command('dues:join')
    .description('A member joins a dues plan: the membership and its first invoice / 会費プランへの加入 (会員資格と最初の請求書を発行)')
    .requiredOption('--member <number>', '会員番号 (例 P0000001) または会員ID')
    .requiredOption('--plan <code>', '会費プランのコード (例 IND)')
    .option('--joined-on <date>', '加入日 YYYY-MM-DD (省略時は今日; 職員は先の日付も可、その日まで PENDING)')
    .option(...AS_OPTION)
    .action(async (o: { member: string; plan: string; joinedOn?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        const [actor, member, plan] = await Promise.all([
          problems.settle('--as', actorOf(context, o.as)),
          problems.settle('--member', memberOf(context, o.member)),
          problems.settle('--plan', context.get(DuesPlanService).getByCode(o.plan, '--plan')),
        ]);
        const input = await problems.settle('input', validateInput(JoinMembershipInput, { memberId: member?.id ?? UNRESOLVED_ID, planId: plan?.id ?? UNRESOLVED_ID, joinedOn: o.joinedOn }, 'input'));
        problems.refuse();
        if (!actor || !member || !plan || !input) return;
        const { membership, invoice } = await context.get(MembershipService).join(actor, input);
        process.stdout.write(
          `${member.memberNumber} ${member.name} joined ${plan.code} / ${plan.code} に加入しました: membership 会員資格 ${membership.status} ${membership.periodStart} … ${membership.periodEnd}\n` +
            `invoice 請求書 ${invoice.number}: ${yen(invoice.amount)} (federation 連合会 ${yen(invoice.federationShare)}, branch 支部 ${yen(invoice.branchShare)}), due 支払期限 ${invoice.dueOn}, ${basisLabel(invoice.recognition)}\n`,
        );
      }),
    );

  program
    .command('dues:void-invoice')
    .description('Void a dues invoice with nothing paid (it keeps its number) / 入金のない請求書を取り消す (番号は欠番にしない)')
    .requiredOption('--invoice <number>', '請求書番号 (例 TKY-2027-000042) または請求書ID')
    .requiredOption('--reason <text>', '取消理由 (監査ログに記録)')
    .option(...AS_OPTION)
    .action(async (o: { invoice: string; reason: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const actor = await actorOf(context, o.as);
        const found = await invoiceOf(context, actor, o.invoice);
        const input = await validateInput(VoidDuesInvoiceInput, { invoiceId: found.id, reason: o.reason }, 'input');
        const invoice = await context.get(InvoiceVoiding).voidInvoice(actor, input);
        process.stdout.write(
          `invoice ${invoice.number} voided / 請求書 ${invoice.number} を取り消しました (${yen(invoice.amount)}; ` +
            `${invoice.recognition === RecognitionPolicy.ACCRUAL ? 'its accrual reversed / 計上を取り消しました' : 'nothing was booked / 仕訳なし'})\n`,
        );
      }),
    );

  program
    .command('dues:report')
    .description("A fiscal year's dues per branch or per branch and plan, with each book's recognition basis / 年度の会費集計 (支部別・プラン別、計上基準つき)")
    .requiredOption('--year <year>', '年度 (2027 は 2027年4月〜2028年3月)')
    .option('--by <what>', 'branch (支部別) | plan (支部・プラン別)', 'branch')
    .option('--branch <code>', '支部コード (例 TKY) で絞り込む')
    .option('--out <file>', 'CSV に書き出す (UTF-8 BOM 付き、見出しは日本語と英語)')
    .option(...AS_OPTION)
    .action(async (o: { year: string; by: string; branch?: string; out?: string; as?: string }) =>
      refusals(async () => {
        const context = await app();
        const problems = new OptionProblems();
        if (!REPORT_BY.includes(o.by)) problems.note(CliError.notOneOf('--by', REPORT_BY, o.by));
        const [actor, year, branch] = await Promise.all([
          problems.settle('--as', actorOf(context, o.as)),
          problems.settle('--year', validateInput(FiscalYearArgs, { fiscalYear: yearOf(o.year) }, 'input')),
          o.branch === undefined ? undefined : problems.settle('--branch', branchOf(context, o.branch)),
        ]);
        problems.refuse();
        if (!actor || !year) return;
        const { fiscalYear } = year;
        const branchId = branch?.id;
        const reports = context.get(DuesReports);
        // The branch filter is the service's (its scope check too), so the CSV below holds the same rows.
        const rows =
          o.by === 'plan'
            ? (await reports.status(actor, fiscalYear, branchId)).map((r) => ({ ...r, label: `${r.branchCode} ${r.planCode}` }))
            : (await reports.branchTotals(actor, fiscalYear, branchId)).map((r) => ({ ...r, label: r.branchCode }));
        process.stdout.write(`dues ${fiscalYear} by ${o.by} / ${fiscalYear}年度 会費 ${o.by === 'plan' ? '支部・プラン別' : '支部別'}\n`);
        for (const r of rows) process.stdout.write(`${r.label} ${r.branchNameJa} — ${basisLabel(r.recognition)}\n  ${measures(r)}\n`);
        if (rows.length === 0) process.stdout.write('no invoices / 請求書はありません\n');
        if (o.out) {
          await writeFile(o.out, o.by === 'plan' ? await reports.statusCsv(actor, fiscalYear, branchId) : await reports.branchTotalsCsv(actor, fiscalYear, branchId));
          process.stdout.write(`written to / 書き出し先 ${o.out}\n`);
        }
      }),
    );
};
