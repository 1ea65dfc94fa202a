import { Injectable } from '@nestjs/common';
import { Money } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { MembershipStandingScan, type Invoice } from '#dues';
import { MAX_BULK, PaymentMethod, PaymentRecording, SettlementRecording, type RecordPaymentCommand } from '#payments';
import { halfOf, type DemoPayment } from './demo-money.js';
import type { DemoTimeline } from './demo-timeline.js';

export interface DemoPaymentsResult {
  payments: number;
  settlements: number;
}

/**
 * The payments part of the demo: a year of payments through PaymentRecording.recordMany (the set-based
 * path of the one payment service, as history: no receipts or notices sent now: allocation, invoice, membership standing, journal entry,
 * audit, the same rows as a treasurer's), a month at a time in date order, with the standing scan replayed on the first day of the fiscal year (the unpaid go
 * into grace; paying brings them back); then each branch's quarterly settlement of the
 * federation's share of what was paid in full (SettlementRecording).
 */
@Injectable()
export class DemoPayments {
  constructor(
    private readonly recording: PaymentRecording,
    private readonly settlements: SettlementRecording,
    private readonly scan: MembershipStandingScan,
  ) {}

  async seed(payments: readonly DemoPayment[], invoices: ReadonlyMap<string, Invoice>, timeline: DemoTimeline): Promise<DemoPaymentsResult> {
    /** branch id → quarter index → federation share of the invoices paid in full in it. */
    const owed = new Map<string, bigint[]>();
    const quarterOf = (date: string) => timeline.settlements.findIndex((q) => q.from <= date && date <= q.to);
    const commands: (RecordPaymentCommand & { month: string })[] = [];
    for (const p of payments) {
      const invoice = invoices.get(p.memberId);
      if (!invoice) continue;
      const half = halfOf(invoice.amount);
      const amount = p.portion === 'FULL' ? invoice.amount : p.portion === 'HALF' ? half : invoice.amount - half;
      commands.push({
        month: p.receivedOn.slice(0, 7),
        memberId: p.memberId,
        method: p.method,
        amount: Money.of(amount, invoice.currency.trim()),
        receivedOn: p.receivedOn,
        reference: p.method === PaymentMethod.BANK_TRANSFER ? `振込 ${p.receivedOn.replaceAll('-', '')} ${p.memberNumber}` : null,
        allocations: [{ invoiceId: invoice.id }],
        idempotencyKey: `demo-payment:${p.memberNumber}:${p.instalment}`,
      });
      const quarter = quarterOf(p.receivedOn);
      if (p.portion !== 'HALF' && quarter >= 0) {
        const shares = owed.get(invoice.branchId) ?? timeline.settlements.map(() => 0n);
        shares[quarter] += invoice.federationShare;
        owed.set(invoice.branchId, shares);
      }
    }
    // A month at a time (a member's two instalments are months apart); the scan on the year's first day
    // sits between March's payments and April's, as it would have run.
    let scanned = false;
    for (const month of [...new Set(commands.map((c) => c.month))]) {
      if (!scanned && month >= timeline.current.start.slice(0, 7)) {
        await this.scan.run(SYSTEM_ACTOR, timeline.current.start);
        scanned = true;
      }
      const ofMonth = commands.filter((c) => c.month === month).map(({ month: _, ...c }) => c);
      for (let at = 0; at < ofMonth.length; at += MAX_BULK) await this.recording.recordMany(SYSTEM_ACTOR, ofMonth.slice(at, at + MAX_BULK), { history: true });
    }
    if (!scanned) await this.scan.run(SYSTEM_ACTOR, timeline.current.start);
    await this.scan.run(SYSTEM_ACTOR, timeline.today);

    let settled = 0;
    for (const [branchId, shares] of owed) {
      for (const [q, amount] of shares.entries()) {
        if (amount === 0n) continue;
        const { to, on } = timeline.settlements[q];
        await this.settlements.record(SYSTEM_ACTOR, {
          branchId,
          amount: Money.of(amount, 'JPY'),
          settledOn: on,
          reference: `精算 ${to.slice(0, 7)}`,
          memo: `連合会分担金 ${to.slice(0, 7)} までの四半期 / federation share, quarter to ${to.slice(0, 7)}`,
          idempotencyKey: `demo-settlement:${branchId}:${to}`,
        });
        settled++;
      }
    }
    return { payments: commands.length, settlements: settled };
  }
}
