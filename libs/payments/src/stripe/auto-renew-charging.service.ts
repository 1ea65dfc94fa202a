import { Injectable, Logger } from '@nestjs/common';
import { Money, TransactionService } from '#core';
import type { AutoRenewDueInvoice } from '#dues';
import { AutoRenewCharge, AutoRenewChargeStatus } from './auto-renew-charge.entity.js';
import { AUTO_RENEW_KIND, AutoRenewPayments } from './auto-renew-payments.service.js';
import { AutoRenewNotices } from './auto-renew-notices.service.js';
import { attemptToMake, nextAttemptDay } from './auto-renew-schedule.js';
import { OffSessionCharges } from './off-session-charges.js';
import { SavedCards } from './saved-cards.service.js';
import { StripeCustomers } from './stripe-customers.service.js';

export type AutoRenewAttemptResult = 'succeeded' | 'processing' | 'declined' | 'requires_action' | 'no_card' | 'nothing_due';

/**
 * One auto-renew attempt on one invoice: which attempt is due (auto-renew-schedule.ts), the attempt
 * row written and committed as CHARGING *before* Stripe is called, the saved card charged off-session
 * with the key `rentai-autorenew-<invoice>-<attempt>`, then the answer applied:
 *   succeeded         recorded through AutoRenewPayments (the path payment_intent.succeeded takes), once
 *   declined          DECLINED, an e-mail (the next try's day, or the last)
 *   requires_action   REQUIRES_ACTION, an e-mail with a Checkout link; no retry
 * A worker killed after the call leaves the row CHARGING: the next run (or the job's retry) asks
 * Stripe again under the same key, gets the first answer back, and nothing is charged twice.
 */
@Injectable()
export class AutoRenewCharging {
  private readonly logger = new Logger(AutoRenewCharging.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly cards: SavedCards,
    private readonly customers: StripeCustomers,
    private readonly charges: OffSessionCharges,
    private readonly payments: AutoRenewPayments,
    private readonly notices: AutoRenewNotices,
  ) {}

  async attempt(invoice: AutoRenewDueInvoice, on: string): Promise<AutoRenewAttemptResult> {
    const latest = await this.tx.repository(AutoRenewCharge).findOne({ where: { invoiceId: invoice.invoiceId }, order: { attempt: 'DESC' } });
    const attempt = attemptToMake(invoice.dueOn, latest, on);
    if (attempt === null) return 'nothing_due';
    const charge = latest?.attempt === attempt ? latest : await this.begin(invoice, attempt, on);
    if (!charge) return 'no_card';
    const customerId = await this.customers.ensure(invoice.memberId);
    const amount = Money.of(charge.amount, charge.currency);
    const outcome = await this.charges.charge({
      customerId,
      paymentMethodId: charge.paymentMethodId,
      amount,
      idempotencyKey: `rentai-autorenew-${invoice.invoiceId}-${attempt}`,
      description: `会費 Dues ${invoice.invoiceNumber}`,
      metadata: { kind: AUTO_RENEW_KIND, invoiceId: invoice.invoiceId, memberId: invoice.memberId, attempt: String(attempt) },
    });
    switch (outcome.status) {
      case 'succeeded':
        await this.payments.syncIntent(outcome.paymentIntentId);
        return 'succeeded';
      case 'processing':
        await this.finish(charge, { status: AutoRenewChargeStatus.PROCESSING, paymentIntentId: outcome.paymentIntentId });
        return 'processing';
      case 'declined':
        await this.tx.run(async () => {
          if (await this.finish(charge, { status: AutoRenewChargeStatus.DECLINED, paymentIntentId: outcome.paymentIntentId, declineCode: outcome.declineCode, message: outcome.message })) {
            await this.notices.queueDeclined(invoice, amount, attempt, nextAttemptDay(invoice.dueOn, attempt));
          }
        });
        return 'declined';
      case 'requires_action': {
        const payUrl = await this.notices.checkoutUrl(invoice.invoiceId);
        await this.tx.run(async () => {
          if (await this.finish(charge, { status: AutoRenewChargeStatus.REQUIRES_ACTION, paymentIntentId: outcome.paymentIntentId })) {
            await this.notices.queueActionRequired(invoice, amount, attempt, payUrl);
          }
        });
        return 'requires_action';
      }
    }
  }

  /** The attempt's row, committed before the call (null when the member has no saved card). */
  private async begin(invoice: AutoRenewDueInvoice, attempt: number, on: string): Promise<AutoRenewCharge | null> {
    const card = await this.cards.find(invoice.memberId);
    if (!card) return null;
    await this.tx.run(() =>
      this.tx
        .repository(AutoRenewCharge)
        .createQueryBuilder()
        .insert()
        .values({
          invoiceId: invoice.invoiceId,
          memberId: invoice.memberId,
          branchId: invoice.branchId,
          attempt,
          attemptedOn: on,
          amount: invoice.outstanding,
          currency: invoice.currency,
          paymentMethodId: card.paymentMethodId,
          status: AutoRenewChargeStatus.CHARGING,
        })
        .orIgnore()
        .execute(),
    );
    return this.tx.repository(AutoRenewCharge).findOneByOrFail({ invoiceId: invoice.invoiceId, attempt });
  }

  /** CHARGING → the outcome, once (a concurrent run that got there first wins): whether this call moved it. */
  private async finish(charge: AutoRenewCharge, values: Partial<AutoRenewCharge>): Promise<boolean> {
    const result = await this.tx.repository(AutoRenewCharge).update({ id: charge.id, status: AutoRenewChargeStatus.CHARGING }, values);
    if (!result.affected) this.logger.log(`auto-renew attempt ${charge.invoiceId}#${charge.attempt} was settled meanwhile`);
    return (result.affected ?? 0) > 0;
  }
}
