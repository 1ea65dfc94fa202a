import { Injectable } from '@nestjs/common';
import { AppError, Clock, TransactionService } from '#core';
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
 * InvoiceSettlement.applyPayment for many invoices at once, set-based (one statement for the
 * invoices, one for the memberships they complete): the same rules — the paid amount never exceeds
 * the invoice, PAID on the day it is paid in full, the membership's paidThrough extended to the
 * period and ACTIVE when that reaches today and the membership has started (history row PAID_IN_FULL; a data-modifying CTE runs
 * whether or not it is read). The caller has locked
 * the invoices (InvoiceSettlement.lockOpenInvoices) in its transaction; one payment per invoice.
 */
@Injectable()
export class InvoiceBatchSettlement {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** The invoices after the payments, in the order of `items`. */
  async applyPayments(items: readonly BatchInvoicePayment[]): Promise<BatchPaidInvoice[]> {
    if (items.length === 0) return [];
    if (!this.tx.active) throw new Error('InvoiceBatchSettlement.applyPayments must run inside a transaction (TransactionService.run)');
    if (new Set(items.map((i) => i.invoiceId)).size !== items.length) {
      throw AppError.badInput('items', { ja: '同じ請求書が二度含まれています', en: 'The same invoice appears twice' });
    }
    for (const [i, item] of items.entries()) if (item.amount <= 0n) throw DuesError.amountNotPositive(`items.${i}.amount`);
    const paid: {
      membership_id: string;
      period_end: string;
      paid_on: string;
      invoice_id: string;
      status: string;
      recognition: RecognitionPolicy;
      amount: string;
      federation_share: string;
      paid_amount: string;
    }[] = await this.tx.manager.query(
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
         RETURNING i.id, i.membership_id, i.period_end::text, i.status, t.paid_on::text, i.recognition, i.amount::text, i.federation_share::text, i.paid_amount::text
       )
       SELECT id AS invoice_id, membership_id, period_end, status, paid_on, recognition, amount, federation_share, paid_amount FROM updated`,
      [items.map((i) => i.invoiceId), items.map((i) => i.amount.toString()), items.map((i) => i.paymentDate)],
    );
    if (paid.length !== items.length) {
      throw AppError.conflict('PAYMENT_EXCEEDS_OUTSTANDING', {
        ja: '支払済み・取消済みの請求書、または未収額を超える入金が含まれています',
        en: 'Some invoices are paid or void, or a payment exceeds what is outstanding',
      });
    }
    const byId = new Map(paid.map((p) => [p.invoice_id, p]));
    const after = items.map((i) => {
      const p = byId.get(i.invoiceId)!;
      return { invoiceId: p.invoice_id, recognition: p.recognition, amount: BigInt(p.amount), federationShare: BigInt(p.federation_share), paidAmount: BigInt(p.paid_amount) };
    });
    const completed = paid.filter((p) => p.status === 'PAID');
    if (completed.length === 0) return after;
    await this.tx.manager.query(
      `WITH paid AS (
         SELECT DISTINCT ON (membership_id) membership_id, period_end, paid_on, invoice_id
           FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[]) AS t(membership_id, period_end, paid_on, invoice_id)
          ORDER BY membership_id, period_end DESC
       ), cur AS (
         SELECT m.id, m.status AS from_status, GREATEST(COALESCE(m.paid_through, p.period_end), p.period_end) AS paid_through, p.paid_on, p.invoice_id,
                m.joined_on <= $5::date AS started
           FROM memberships m JOIN paid p ON p.membership_id = m.id
            FOR UPDATE OF m
       ), moved AS (
         UPDATE memberships m
            SET paid_through = c.paid_through,
                status = CASE WHEN c.paid_through >= $5::date AND c.started AND m.status = ANY($6::text[]) THEN 'ACTIVE' ELSE m.status END,
                updated_at = now()
           FROM cur c WHERE m.id = c.id
       )
       INSERT INTO membership_status_changes (membership_id, from_status, to_status, event, effective_on, invoice_id)
       SELECT c.id, c.from_status, 'ACTIVE', $7, c.paid_on, c.invoice_id
         FROM cur c
        WHERE c.paid_through >= $5::date AND c.started AND c.from_status = ANY($6::text[]) AND c.from_status <> 'ACTIVE'`,
      [
        completed.map((p) => p.membership_id),
        completed.map((p) => p.period_end),
        completed.map((p) => p.paid_on),
        completed.map((p) => p.invoice_id),
        this.clock.today(),
        PAYABLE_FROM,
        MembershipEvent.PAID_IN_FULL,
      ],
    );
    return after;
  }
}
