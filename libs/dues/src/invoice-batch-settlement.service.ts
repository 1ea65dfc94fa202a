import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, Clock, DomainEvents, PreparedStatements, TransactionService } from '#core';
import { DuesError } from './dues.errors.js';
import type { RecognitionPolicy } from './recognition-policy.js';
import { MEMBERSHIP_TRANSITIONS, MembershipEvent, MembershipStatus } from './membership-status.js';

export interface BatchInvoicePayment {
  invoiceId: string;
  amount: bigint;
  paymentDate: string;
}

/** An invoice as it is after a batch payment (what the payment's posting needs: its basis and shares). */
export interface BatchPaidInvoice {
  invoiceId: string;
  recognition: RecognitionPolicy;
  amount: bigint;
  federationShare: bigint;
  paidAmount: bigint;
}

/** Statuses PAID_IN_FULL leads from (to ACTIVE), read from the transition table. */
const PAYABLE_FROM = (Object.keys(MEMBERSHIP_TRANSITIONS) as MembershipStatus[]).filter((s) => MEMBERSHIP_TRANSITIONS[s][MembershipEvent.PAID_IN_FULL]);

/**
 * InvoiceSettlement.applyPayment for many invoices at once, set-based (ONE statement for the
 * invoices and the memberships they complete, one for the events): the same rules — the paid amount never exceeds
 * the invoice, PAID on the day it is paid in full, the membership's paidThrough extended to the
 * period and ACTIVE when that reaches today and the membership has started (history row PAID_IN_FULL; a data-modifying CTE runs
 * whether or not it is read). The caller has locked
 * the invoices (InvoiceSettlement.lockOpenInvoices) in its transaction; one payment per invoice.
 */
@Injectable()
export class InvoiceBatchSettlement {
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
  ) {}

  /**
   * The invoices after the payments, in the order of `items`. Publishes `invoice.paid` for each
   * invoice paid in full (one outbox INSERT for all, deferred: sent with the transaction's next prepared statement), as applyPayment does — unless `history`: payments
   * of the past imported after the fact (the demo's year), for which no receipt or notice is sent now.
   */
  async applyPayments(items: readonly BatchInvoicePayment[], options: { history?: boolean } = {}): Promise<BatchPaidInvoice[]> {
    if (items.length === 0) return [];
    if (!this.tx.active) throw new Error('InvoiceBatchSettlement.applyPayments must run inside a transaction (TransactionService.run)');
    if (new Set(items.map((i) => i.invoiceId)).size !== items.length) {
      throw DuesError.invoiceListedTwice();
    }
    for (const [i, item] of items.entries()) if (item.amount <= 0n) throw DuesError.amountNotPositive(`items.${i}.amount`);
    const paid = await this.statements.rows<{
      membership_id: string;
      period_end: string;
      paid_on: string;
      invoice_id: string;
      status: string;
      recognition: RecognitionPolicy;
      amount: string;
      federation_share: string;
      paid_amount: string;
      member_id: string;
      branch_id: string;
    }>(
      // One statement: the invoices, then the memberships those paid in full complete (their latest period per membership).
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::date[]) AS t(invoice_id, amount, paid_on)
       ), updated AS (
         UPDATE dues_invoices i
            SET paid_amount = i.paid_amount + t.amount,
                status = CASE WHEN i.paid_amount + t.amount = i.amount THEN 'PAID' ELSE 'PARTIALLY_PAID' END,
                paid_on = CASE WHEN i.paid_amount + t.amount = i.amount THEN t.paid_on END,
                updated_at = now()
           FROM input t
          WHERE i.id = t.invoice_id AND i.status IN ('OPEN', 'PARTIALLY_PAID') AND i.paid_amount + t.amount <= i.amount
         RETURNING i.id, i.membership_id, i.period_end, i.status, t.paid_on, i.recognition, i.amount, i.federation_share, i.paid_amount, i.member_id, i.branch_id
       ), paid AS (
         SELECT DISTINCT ON (membership_id) membership_id, period_end, paid_on, id AS invoice_id
           FROM updated WHERE status = 'PAID'
          ORDER BY membership_id, period_end DESC
       ), cur AS (
         SELECT m.id, m.status AS from_status, GREATEST(COALESCE(m.paid_through, p.period_end), p.period_end) AS paid_through, p.paid_on, p.invoice_id,
                m.joined_on <= $4::date AS started
           FROM memberships m JOIN paid p ON p.membership_id = m.id
            FOR UPDATE OF m
       ), moved AS (
         UPDATE memberships m
            SET paid_through = c.paid_through,
                status = CASE WHEN c.paid_through >= $4::date AND c.started AND m.status = ANY($5::text[]) THEN 'ACTIVE' ELSE m.status END,
                updated_at = now()
           FROM cur c WHERE m.id = c.id
       ), history AS (
         INSERT INTO membership_status_changes (membership_id, from_status, to_status, event, effective_on, invoice_id)
         SELECT c.id, c.from_status, 'ACTIVE', $6, c.paid_on, c.invoice_id
           FROM cur c
          WHERE c.paid_through >= $4::date AND c.started AND c.from_status = ANY($5::text[]) AND c.from_status <> 'ACTIVE'
       )
       SELECT id AS invoice_id, membership_id, period_end::text, status, paid_on::text, recognition, amount::text, federation_share::text, paid_amount::text, member_id, branch_id
         FROM updated`,
      [items.map((i) => i.invoiceId), items.map((i) => i.amount.toString()), items.map((i) => i.paymentDate), this.clock.today(), PAYABLE_FROM, MembershipEvent.PAID_IN_FULL],
    );
    // Refused (rolled back with the caller's transaction, memberships included) when an invoice could not take its amount.
    if (paid.length !== items.length) {
      throw DuesError.batchExceedsOutstanding();
    }
    const byId = new Map(paid.map((p) => [p.invoice_id, p]));
    const after = items.map((i) => {
      const p = byId.get(i.invoiceId)!;
      return { invoiceId: p.invoice_id, recognition: p.recognition, amount: BigInt(p.amount), federationShare: BigInt(p.federation_share), paidAmount: BigInt(p.paid_amount) };
    });
    const completed = paid.filter((p) => p.status === 'PAID');
    if (completed.length > 0 && !options.history) {
      await this.events.publishMany(
        'invoice.paid',
        completed.map((i) => ({ payload: { invoiceId: i.invoice_id, memberId: i.member_id, branchId: i.branch_id, paidOn: i.paid_on }, key: `invoice-paid.${i.invoice_id}.${randomUUID()}` })),
        // With the caller's next statement (a payment's: its chain-head lock), not a round trip of its own.
        { deferred: true },
      );
    }
    return after;
  }
}
