import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { paymentsExportCommand } from '../apps/cli/src/commands/payments-export.command.js';
import { Role } from '#auth';
import type { PaymentFilterInput, PaymentMethod, RecordPaymentInput } from './support/schema-types.js';
import { gql, type ResultOf } from './support/gql.js';
import { TestApp, type GqlResult } from './support/test-app.js';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD, VOID } from './support/payments-world.js';

const LIST = gql(`query PaymentsReportsList($filter: PaymentFilterInput, $first: Int, $after: String) {
  payments(filter: $filter, first: $first, after: $after) { edges { cursor node { id receivedOn method memberId amount { amount } } } pageInfo { hasNextPage endCursor } } }`);
const TOTALS = gql(`query PaymentsReportsTotals($f: PaymentFilterInput) { paymentTotals(filter: $f) { method count amount { amount } fee { amount } } }`);
const CSV = gql(`query PaymentsReportsCsv($f: PaymentFilterInput) { paymentsCsv(filter: $f) }`);

describe('payments reports: list, totals by method, CSV', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let other: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let alice: Awaited<ReturnType<PaymentsWorld['memberWithInvoice']>>;
  let bob: Awaited<ReturnType<PaymentsWorld['memberWithInvoice']>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: NOW });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    other = await w.branch();
    alice = await w.memberWithInvoice(branch.id);
    bob = await w.memberWithInvoice(branch.id);
    const stranger = await w.memberWithInvoice(other.id);
    const record = async (name: string, token: string, memberId: string, invoiceId: string, method: PaymentMethod, amount: number, receivedOn: string, extra: Partial<RecordPaymentInput> = {}) => {
      const res = await t.gql(RECORD, { input: { memberId, method, amount: { amount, currency: 'JPY' }, receivedOn, allocations: [{ invoiceId }], ...extra } }, { token });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      ids[name] = res.data!.recordPayment.id;
    };
    await record('a1', branch.treasurer, alice.memberId, alice.invoiceId, 'CASH', 3000, '2026-05-10');
    await record('a2', branch.treasurer, alice.memberId, alice.invoiceId, 'BANK_TRANSFER', 4000, '2026-06-01', { fee: 220, reference: 'ｶ)ﾃｽﾄ, "A"' });
    await record('b1', branch.treasurer, bob.memberId, bob.invoiceId, 'BANK_TRANSFER', 5000, '2026-06-01');
    await record('b2', branch.treasurer, bob.memberId, bob.invoiceId, 'CASH', 1000, '2026-06-12');
    await record('s1', other.treasurer, stranger.memberId, stranger.invoiceId, 'CASH', 12000, '2026-06-02');
    await t.gql(VOID, { id: ids.b2, reason: '誤入力' }, { token: branch.treasurer });
  });
  afterAll(() => checkThenClose(t, ledgerBalances));

  it('pages through the branch newest first with keyset cursors, never repeating or skipping', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      // Annotated: `after` comes from the page before, which TypeScript cannot infer through the loop.
      const res: GqlResult<ResultOf<typeof LIST>> = await t.gql(LIST, { filter: { branchId: branch.id }, first: 1, after }, { token: branch.treasurer });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data!.payments.edges.map((e) => e.node.id));
      if (!res.data!.payments.pageInfo.hasNextPage) break;
      after = res.data!.payments.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe(ids.b2);
    expect(seen.at(-1)).toBe(ids.a1);
    expect(seen.slice(1, 3).sort()).toEqual([ids.a2, ids.b1].sort());
  });

  it('filters by date range, method and member', async () => {
    const byFilter = async (filter: PaymentFilterInput) =>
      (await t.gql(LIST, { filter: { branchId: branch.id, ...filter } }, { token: branch.treasurer })).data!.payments.edges.map((e) => e.node.id).sort();
    expect(await byFilter({ from: '2026-06-01', to: '2026-06-01' })).toEqual([ids.a2, ids.b1].sort());
    expect(await byFilter({ method: 'CASH' })).toEqual([ids.a1, ids.b2].sort());
    expect(await byFilter({ memberId: alice.memberId })).toEqual([ids.a1, ids.a2].sort());
    expect(await byFilter({ memberId: alice.memberId, method: 'CASH', from: '2026-05-11' })).toEqual([]);
    expect(await byFilter({ status: 'VOIDED' })).toEqual([ids.b2]);
  });

  it('a from after to is refused, naming filter.to', async () => {
    const res = await t.gql(LIST, { filter: { branchId: branch.id, from: '2026-06-10', to: '2026-06-01' } }, { token: branch.treasurer });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_PERIOD', fields: [{ field: 'filter.to' }] });
  });

  it('totals recorded payments by method (voided ones left out)', async () => {
    const res = await t.gql(TOTALS, { f: { branchId: branch.id } }, { token: branch.treasurer });
    expect(res.data!.paymentTotals).toEqual([
      { method: 'BANK_TRANSFER', count: 2, amount: { amount: 9000 }, fee: { amount: 220 } },
      { method: 'CASH', count: 1, amount: { amount: 3000 }, fee: { amount: 0 } },
    ]);
  });

  it('a federation admin sees every branch; a treasurer only theirs', async () => {
    const all = await t.gql(LIST, { first: 100 }, { token: w.admin });
    expect(all.data!.payments.edges).toHaveLength(5);
    const own = await t.gql(LIST, { first: 100 }, { token: other.treasurer });
    expect(own.data!.payments.edges.map((e) => e.node.id)).toEqual([ids.s1]);
  });

  it('exports CSV for Excel: BOM, bilingual header, one quoted row per payment', async () => {
    const res = await t.gql(CSV, { f: { branchId: branch.id, memberId: alice.memberId } }, { token: branch.treasurer });
    const csv = res.data!.paymentsCsv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^入金ID \/ Payment ID,受領日 \/ Received on,/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(`${ids.a2},2026-06-01,2026-06-01,${branch.id},${alice.memberId},銀行振込 / Bank transfer,"ｶ)ﾃｽﾄ, ""A""",4000,220,JPY,4000,0,記録済 / Recorded,`);
    expect(lines[2]).toMatch(new RegExp(`^${ids.a1},2026-05-10,2026-05-10,.*,現金 / Cash,,3000,0,JPY,3000,0,`));
  });

  it('an auditor reads the list and the CSV of any branch; a member cannot', async () => {
    const auditor = (await t.signIn(Role.AUDITOR)).token;
    expect((await t.gql(LIST, { filter: { branchId: other.id } }, { token: auditor })).data!.payments.edges).toHaveLength(1);
    const member = (await t.signIn(Role.MEMBER, { memberId: alice.memberId })).token;
    expect((await t.gql(LIST, {}, { token: member })).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('the CLI exports a branch to a file and the settlement statement too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rentai-payments-'));
    const program = new Command('rentai').exitOverride();
    paymentsExportCommand(program, async () => t.app);
    await program.parseAsync(['payments:export', '--branch', branch.id, '--method', 'BANK_TRANSFER', '--out', join(dir, 'payments.csv')], { from: 'user' });
    const csv = readFileSync(join(dir, 'payments.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    await program.parseAsync(['settlement:statement', '--branch', branch.id, '--from', '2026-04-01', '--to', '2026-06-30', '--out', join(dir, 'statement.csv')], { from: 'user' });
    expect(readFileSync(join(dir, 'statement.csv'), 'utf8')).toMatch(/^\uFEFF支部 \/ Branch,/);
  });
});
