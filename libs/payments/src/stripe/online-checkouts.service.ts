import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, Clock, TransactionService } from '#core';
import { BRANCH_STAFF, Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { InvoiceSettlement, MembershipAutoRenew, invoicesForPayment, type Invoice } from '#dues';
import { requireWriter } from '../payment-access.js';
import type { OnlineCheckout } from './online-checkout.entity.js';
import { OnlineCheckoutRepository } from './online-checkout.repository.js';
import { OnlinePaymentsError } from './online-payments.errors.js';
import { StripeClient } from './stripe-client.js';
import { StripeCustomers } from './stripe-customers.service.js';

/** Stripe's smallest JPY charge. */
const MINIMUM_JPY = 50n;
/** Days a konbini voucher stays payable (Stripe allows 1–60; it expires at 23:59:59 JST). */
export const KONBINI_EXPIRES_AFTER_DAYS = 7;

/**
 * Paying a dues invoice online: a Stripe Checkout session (card or konbini, JPY) for what the
 * invoice still owes, on the member's one Stripe customer. A second request while a session is
 * still payable returns that session; concurrent requests share one session (same idempotency
 * key). The money is recorded later, from Stripe's events (OnlineCheckoutSync).
 */
@Injectable()
export class OnlineCheckouts {
  constructor(
    private readonly tx: TransactionService,
    private readonly stripe: StripeClient,
    private readonly customers: StripeCustomers,
    private readonly checkouts: OnlineCheckoutRepository,
    private readonly invoices: InvoiceSettlement,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly autoRenew: MembershipAutoRenew,
  ) {}

  async startForInvoice(actor: Actor, invoiceId: string): Promise<OnlineCheckout> {
    const stripe = this.stripe.api;
    const invoice = await this.payableInvoice(actor, invoiceId);
    const now = this.clock.now();
    const existing = await this.checkouts.findPayable(invoice.id, now);
    const owed = this.invoices.outstanding(invoice);
    if (existing && existing.amount === owed) return existing;
    const customer = await this.customers.ensure(invoice.memberId);
    const attempt = await this.checkouts.countForInvoice(invoice.id);
    // Auto-renew on: a card paid here is saved for the next renewal's off-session charge (konbini saves nothing).
    const saveCard = await this.autoRenew.forInvoice(invoice.id);
    const base = this.config.publicUrl.replace(/\/+$/, '');
    const session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer,
        client_reference_id: invoice.id,
        allowed_payment_method_types: ['card', 'konbini'],
        payment_method_options: {
          konbini: { expires_after_days: KONBINI_EXPIRES_AFTER_DAYS },
          ...(saveCard && { card: { setup_future_usage: 'off_session' as const } }),
        },
        line_items: [
          {
            quantity: 1,
            price_data: { currency: invoice.currency.toLowerCase(), unit_amount: Number(owed), product_data: { name: `会費 Dues ${invoice.number}` } },
          },
        ],
        metadata: { kind: 'dues', invoiceId: invoice.id, memberId: invoice.memberId },
        payment_intent_data: { metadata: { kind: 'dues', invoiceId: invoice.id, memberId: invoice.memberId } },
        success_url: `${base}/portal/invoices/${invoice.id}?checkout=success`,
        cancel_url: `${base}/portal/invoices/${invoice.id}?checkout=cancelled`,
      },
      { idempotencyKey: `rentai-checkout-${invoice.id}-${attempt}-${owed}${saveCard ? '-save' : ''}` },
    );
    return this.tx.run(async () => {
      await this.checkouts.insertIfAbsent({
        sessionId: session.id,
        paymentIntentId: typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null),
        invoiceId: invoice.id,
        memberId: invoice.memberId,
        branchId: invoice.branchId,
        amount: owed,
        currency: invoice.currency,
        url: session.url ?? '',
        expiresAt: new Date(session.expires_at * 1000),
      });
      const checkout = (await this.checkouts.findBySession(session.id))!;
      await this.audit.record(actor, {
        action: 'online_checkout.start',
        entityType: 'Invoice',
        entityId: invoice.id,
        branchId: invoice.branchId,
        after: { sessionId: session.id, amount: owed.toString(), currency: invoice.currency },
      });
      return checkout;
    });
  }

  /** The checkouts of an invoice its member or the branch's staff may see, oldest first. */
  async listForInvoice(actor: Actor, invoiceId: string): Promise<OnlineCheckout[]> {
    const [invoice] = await this.invoices.findInvoices([invoiceId]);
    const own = !!invoice && actor.has(Role.MEMBER) && actor.memberId === invoice.memberId;
    if (!invoice || (!own && !actor.canActOnBranch(invoice.branchId, BRANCH_STAFF))) throw AppError.notFound('Invoice', invoiceId);
    return this.checkouts.findForInvoices([invoice.id]);
  }

  /** The invoice, if the actor may pay it (its member, or the branch's staff) and it still owes money. */
  private async payableInvoice(actor: Actor, invoiceId: string): Promise<Invoice> {
    const [invoice] = await this.invoices.findInvoices([invoiceId]);
    const own = !!invoice && actor.has(Role.MEMBER) && actor.memberId === invoice.memberId;
    if (!invoice || (!own && !actor.canActOnBranch(invoice.branchId))) throw AppError.notFound('Invoice', invoiceId);
    if (!own) requireWriter(actor, invoice.branchId);
    // The dues contract's rules on the row as read (no lock: Stripe is called outside any transaction; recording the payment locks and judges again).
    const [verdict] = invoicesForPayment({ memberId: invoice.memberId }, [invoice.id], new Map([[invoice.id, invoice]])).invoices;
    if (verdict.refusal) throw OnlinePaymentsError.invoiceNotPayable('invoiceId');
    const owed = verdict.outstanding;
    if (invoice.currency === 'JPY' && owed < MINIMUM_JPY) throw OnlinePaymentsError.belowStripeMinimum('invoiceId', MINIMUM_JPY, invoice.currency);
    return invoice;
  }
}
