import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#auth';
import { TransactionService } from '#core';
import { InvoiceSettlement } from '#dues';
import { gql } from './support/gql.js';
import { TestApp } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { DUES, duesWorld, individualPlan } from './support/dues-world.js';

jest.setTimeout(60_000);

const STATUS = gql(`query DuesReportsStatus($fy: Int!, $branchId: ID) { duesStatus(fiscalYear: $fy, branchId: $branchId) {
  branchCode planCode members invoicedCount invoiced { amount } paidCount paid { amount } outstandingCount outstanding { amount } } }`);
const TOTALS = gql(`query DuesReportsTotals($fy: Int!) { duesBranchTotals(fiscalYear: $fy) {
  branchCode members invoicedCount invoiced { amount } federationShare { amount } branchShare { amount } paidCount paid { amount } outstandingCount outstanding { amount } } }`);
const ARREARS = gql(`query DuesReportsArrears($first: Int, $after: String, $branchId: ID) { duesArrears(first: $first, after: $after, branchId: $branchId) {
  edges { node { invoice { number dueOn } memberNumber memberName daysOverdue outstanding { amount } } } pageInfo { hasNextPage endCursor } } }`);
const STATUS_CSV = gql(`query DuesReportsStatusCsv($fy: Int!) { duesStatusCsv(fiscalYear: $fy) }`);
const TOTALS_CSV = gql(`query DuesReportsTotalsCsv($fy: Int!) { duesBranchTotalsCsv(fiscalYear: $fy) }`);
const ARREARS_CSV = gql(`query DuesReportsArrearsCsv($b: ID) { duesArrearsCsv(branchId: $b) }`);

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('dues reports for treasurers and the federation', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof duesWorld>>;
  const members: Record<string, { id: string; number: string; name: string }> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: new Date('2026-06-15T03:00:00Z') });
    w = await duesWorld(t);
    const ind = await w.plan(individualPlan());
    const org = await w.plan(individualPlan({ code: 'ORG-S', nameJa: '団体会員(小)', memberKind: 'ORGANIZATION', sizeTier: 'SMALL', amount: 50000, federationShareKind: 'FIXED', federationShareValue: 20000 }));
    const settlement = t.app.get(InvoiceSettlement);
    const tx = t.app.get(TransactionService);
    const pay = (invoiceId: string, amount: bigint) => tx.run(() => settlement.applyPayment(invoiceId, amount, '2026-06-20'));
    const join = async (key: string, branchId: string, planId: string, kind: 'person' | 'organization' = 'person') => {
      const memberId = kind === 'person' ? await w.person(branchId) : await w.organization(branchId);
      const [row] = await t.db.query(`SELECT member_number, name FROM members WHERE id = $1`, [memberId]);
      members[key] = { id: memberId, number: row.member_number, name: row.name };
      return (await w.joined(memberId, planId)).invoice.id;
    };
    await pay(await join('paid', w.tky.id, ind), 12000n);
    await pay(await join('part', w.tky.id, ind), 5000n);
    await join('open', w.tky.id, ind);
    await pay(await join('org', w.tky.id, org, 'organization'), 50000n);
    await join('osk', w.osk.id, ind);
    const voided = await join('void', w.osk.id, ind);
    await t.gql(DUES.voidInvoice, { input: { invoiceId: voided, reason: '誤登録' } }, { token: w.admin });
  }, 120_000);
  afterAll(() => checkThenClose(t, ledgerBalances), 120_000);

  it('dues status per branch and plan: members, invoiced, paid, outstanding in counts and amounts (void left out)', async () => {
    const res = await t.gql(STATUS, { fy: 2026 }, { token: w.auditor });
    expect(res.errors).toBeUndefined();
    expect(res.data!.duesStatus).toEqual([
      { branchCode: 'OSK', planCode: 'IND', members: 1, invoicedCount: 1, invoiced: { amount: 12000 }, paidCount: 0, paid: { amount: 0 }, outstandingCount: 1, outstanding: { amount: 12000 } },
      { branchCode: 'TKY', planCode: 'IND', members: 3, invoicedCount: 3, invoiced: { amount: 36000 }, paidCount: 1, paid: { amount: 17000 }, outstandingCount: 2, outstanding: { amount: 19000 } },
      { branchCode: 'TKY', planCode: 'ORG-S', members: 1, invoicedCount: 1, invoiced: { amount: 50000 }, paidCount: 1, paid: { amount: 50000 }, outstandingCount: 0, outstanding: { amount: 0 } },
    ]);
  });

  it('the CSV opens in Excel: BOM, headers in Japanese and English, the same numbers', async () => {
    const res = await t.gql(STATUS_CSV, { fy: 2026 }, { token: w.admin });
    const csv = res.data!.duesStatusCsv;
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines(csv)).toEqual([
      '支部コード / Branch code,支部 / Branch,プランコード / Plan code,プラン / Plan,通貨 / Currency,会員数 / Members,請求件数 / Invoices,請求額 / Invoiced,完納件数 / Paid invoices,入金額 / Paid,未納件数 / Outstanding invoices,未収額 / Outstanding,計上基準 / Basis',
      'OSK,大阪支部,IND,個人会員,JPY,1,1,12000,0,0,1,12000,現金主義（受領時） / on receipt',
      'TKY,東京支部,IND,個人会員,JPY,3,3,36000,1,17000,2,19000,現金主義（受領時） / on receipt',
      'TKY,東京支部,ORG-S,団体会員(小),JPY,1,1,50000,1,50000,0,0,現金主義（受領時） / on receipt',
    ]);
  });

  it('federation-wide totals per branch, with the federation and branch shares, and their CSV', async () => {
    const res = await t.gql(TOTALS, { fy: 2026 }, { token: w.admin });
    expect(res.data!.duesBranchTotals).toEqual([
      { branchCode: 'OSK', members: 1, invoicedCount: 1, invoiced: { amount: 12000 }, federationShare: { amount: 3600 }, branchShare: { amount: 8400 }, paidCount: 0, paid: { amount: 0 }, outstandingCount: 1, outstanding: { amount: 12000 } },
      { branchCode: 'TKY', members: 4, invoicedCount: 4, invoiced: { amount: 86000 }, federationShare: { amount: 30800 }, branchShare: { amount: 55200 }, paidCount: 2, paid: { amount: 67000 }, outstandingCount: 2, outstanding: { amount: 19000 } },
    ]);
    const csv = (await t.gql(TOTALS_CSV, { fy: 2026 }, { token: w.admin })).data!.duesBranchTotalsCsv;
    expect(csv.startsWith('\uFEFF支部コード / Branch code,')).toBe(true);
    expect(lines(csv)[0].endsWith(',未収額 / Outstanding,計上基準 / Basis')).toBe(true);
    expect(lines(csv).slice(1)).toEqual([
      'OSK,大阪支部,JPY,1,1,12000,3600,8400,0,0,1,12000,現金主義（受領時） / on receipt',
      'TKY,東京支部,JPY,4,4,86000,30800,55200,2,67000,2,19000,現金主義（受領時） / on receipt',
    ]);
  });

  it("a treasurer sees their own branch only, and is refused another branch's report", async () => {
    const own = await t.gql(STATUS, { fy: 2026 }, { token: w.oskTreasurer });
    expect(own.data!.duesStatus.map((r) => r.branchCode)).toEqual(['OSK']);
    const totals = await t.gql(TOTALS, { fy: 2026 }, { token: w.oskTreasurer });
    expect(totals.data!.duesBranchTotals.map((r) => r.branchCode)).toEqual(['OSK']);
    const other = await t.gql(STATUS, { fy: 2026, branchId: w.tky.id }, { token: w.oskTreasurer });
    expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const csv = await t.gql(ARREARS_CSV, { b: w.tky.id }, { token: w.oskTreasurer });
    expect(csv.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const member = await t.signIn(Role.MEMBER, { memberId: members.open.id });
    expect((await t.gql(STATUS, { fy: 2026 }, { token: member.token })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists arrears oldest first with days overdue, page by page, and exports them', async () => {
    t.clock!.set(new Date('2026-08-01T03:00:00Z')); // due 2026-07-15: 17 days overdue
    const treasurer = (await t.signIn(Role.BRANCH_TREASURER, { branchIds: [w.tky.id] })).token;
    const first = await t.gql(ARREARS, { first: 1 }, { token: treasurer });
    expect(first.errors).toBeUndefined();
    expect(first.data!.duesArrears.pageInfo.hasNextPage).toBe(true);
    const second = await t.gql(ARREARS, { first: 5, after: first.data!.duesArrears.pageInfo.endCursor }, { token: treasurer });
    const nodes = [...first.data!.duesArrears.edges, ...second.data!.duesArrears.edges].map((e) => e.node);
    expect(second.data!.duesArrears.pageInfo.hasNextPage).toBe(false);
    expect(nodes).toHaveLength(2);
    for (const n of nodes) expect(n).toMatchObject({ daysOverdue: 17, invoice: { dueOn: '2026-07-15' } });
    expect(nodes.map((n) => [n.memberNumber, n.outstanding.amount]).sort()).toEqual(
      [
        [members.part.number, 7000],
        [members.open.number, 12000],
      ].sort(),
    );

    const csv = (await t.gql(ARREARS_CSV, {}, { token: treasurer })).data!.duesArrearsCsv;
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = lines(csv);
    expect(header).toBe(
      '請求書番号 / Invoice number,支部コード / Branch code,会員番号 / Member number,会員名 / Member name,期間開始 / Period start,期間終了 / Period end,支払期限 / Due date,延滞日数 / Days overdue,通貨 / Currency,請求額 / Amount,入金額 / Paid,未収額 / Outstanding',
    );
    expect(rows).toContainEqual(`TKY-2026-000002,TKY,${members.part.number},${members.part.name},2026-04-01,2027-03-31,2026-07-15,17,JPY,12000,5000,7000`);
    expect(rows).toHaveLength(2);
    const federation = (await t.gql(ARREARS_CSV, {}, { token: (await t.signIn(Role.AUDITOR)).token })).data!.duesArrearsCsv;
    expect(lines(federation)).toHaveLength(1 + 3); // TKY's two and OSK's one
  });
});
