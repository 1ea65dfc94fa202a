import { Injectable, Logger } from '@nestjs/common';
import { Clock, JobHandler, Money, OutboxService, TransactionService, type JobPayloads } from '#core';
import { OffSessionCharges, StripeClient } from '#payments';
import { MonthlyGiftStatus } from '../donation-enums.js';
import { DonationNotices } from '../donation-notices.js';
import { DonorRepository } from '../donor.repository.js';
import { FundRepository } from '../fund.repository.js';
import { MonthlyGiftCompletion } from '../monthly-gift-completion.service.js';
import { MonthlyGiftRepository } from '../monthly-gift.repository.js';
import { nextChargeOn, nextRetryOn } from '../monthly-schedule.js';

const SCAN_BATCH = 1000;

/** The Stripe idempotency key of one attempt: per gift, month and attempt number. */
export const chargeKey = (giftId: string, period: string, attempt: number) => `rentai-monthly-gift-${giftId}-${period}-${attempt}`;

/**
 * Monthly gifts charged by the worker. `monthly-gifts.scan` (a daily job scheduler) finds what is
 * due in keyset batches and queues one `monthly-gift.charge` per gift, month and attempt
 * (deterministic job ids, one INSERT per batch). The charge claims its attempt (committed) before
 * it asks Stripe, with an idempotency key per gift, month and attempt: a worker killed between
 * Stripe's answer and the record retries the same attempt, Stripe replays the same answer, and
 * the donation is recorded once. A decline is retried on days 1, 3 and 7, with an e-mail each
 * time; after the last the gift pauses. A card that needs authentication gets a link by e-mail.
 */
@Injectable()
export class MonthlyGiftCharging {
  private readonly logger = new Logger(MonthlyGiftCharging.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly outbox: OutboxService,
    private readonly gifts: MonthlyGiftRepository,
    private readonly donors: DonorRepository,
    private readonly funds: FundRepository,
    private readonly completion: MonthlyGiftCompletion,
    private readonly charges: OffSessionCharges,
    private readonly stripe: StripeClient,
    private readonly notices: DonationNotices,
    private readonly clock: Clock,
  ) {}

  @JobHandler('monthly-gifts.scan')
  async scan(): Promise<{ queued: number }> {
    const today = this.clock.today();
    let after: { on: string; id: string } | null = null;
    let queued = 0;
    for (;;) {
      const batch = await this.tx.run(async () => {
        const due = await this.gifts.due(today, SCAN_BATCH, after);
        await this.outbox.enqueueMany(
          'monthly-gift.charge',
          due.map((d) => ({ payload: { monthlyGiftId: d.monthlyGiftId, period: d.period, attempt: d.attempt }, jobId: `monthly-gift.${d.monthlyGiftId}.${d.period}.${d.attempt}` })),
        );
        return due;
      });
      queued += batch.length;
      if (batch.length < SCAN_BATCH) return { queued };
      after = { on: batch.at(-1)!.on, id: batch.at(-1)!.monthlyGiftId };
    }
  }

  @JobHandler('monthly-gift.charge')
  async charge(job: JobPayloads['monthly-gift.charge']): Promise<string> {
    const { monthlyGiftId, period, attempt } = job;
    const claim = await this.tx.run(async () => {
      const gift = await this.gifts.lock(monthlyGiftId);
      if (!gift || gift.status !== MonthlyGiftStatus.ACTIVE || !gift.customerId || !gift.paymentMethodId) return null;
      const existing = await this.gifts.lockCharge(gift.id, period);
      if (!existing) {
        if (attempt !== 1) return null;
        const charge = await this.gifts.insertCharge({ monthlyGiftId: gift.id, period, attempts: 1, amount: gift.amount, status: 'CHARGING', firstAttemptOn: this.clock.today() });
        return { gift, charge };
      }
      // The same attempt again (the worker was killed after claiming it): same key, Stripe replays.
      if (existing.status === 'CHARGING' && existing.attempts === attempt) return { gift, charge: existing };
      if (existing.status === 'DECLINED' && existing.attempts === attempt - 1) {
        await this.gifts.updateCharge(existing.id, { status: 'CHARGING', attempts: attempt, next_retry_on: null });
        return { gift, charge: { ...existing, status: 'CHARGING' as const, attempts: attempt } };
      }
      return null;
    });
    if (!claim) return 'skipped';
    const { gift, charge } = claim;
    const result = await this.charges.charge({
      customerId: gift.customerId!,
      paymentMethodId: gift.paymentMethodId!,
      amount: Money.of(charge.amount, gift.currency),
      idempotencyKey: chargeKey(gift.id, period, attempt),
      metadata: { purpose: 'donation', monthlyGiftId: gift.id, period, attempt: String(attempt) },
      description: `毎月の寄附 Monthly gift ${period}`,
    });
    if (result.status === 'succeeded') {
      const intent = await this.stripe.api.paymentIntents.retrieve(result.paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
      return this.completion.completeCharge(gift.id, period, intent);
    }
    // Stripe has not decided: its payment_intent.succeeded (or the next run of this attempt) completes the month.
    if (result.status === 'processing') return 'processing';
    return this.tx.run(async () => {
      const locked = (await this.gifts.lock(gift.id))!;
      const donor = (await this.donors.findById(locked.donorId))!;
      const fund = (await this.funds.findById(locked.fundId))!;
      if (result.status === 'requires_action') {
        await this.gifts.updateCharge(charge.id, { status: 'REQUIRES_ACTION', payment_intent_id: result.paymentIntentId, last_error: 'authentication_required' });
        await this.gifts.update(locked.id, { next_charge_on: nextChargeOn(`${period}-01`, locked.dayOfMonth) });
        if (result.paymentIntentId) await this.notices.requiresAction(locked, donor, fund, period, result.paymentIntentId);
        return 'requires_action';
      }
      const retryOn = nextRetryOn(charge.firstAttemptOn, attempt);
      await this.gifts.updateCharge(charge.id, { status: retryOn ? 'DECLINED' : 'GAVE_UP', payment_intent_id: result.paymentIntentId, last_error: `${result.declineCode ?? 'declined'}: ${result.message}`, next_retry_on: retryOn });
      if (!retryOn) {
        await this.gifts.update(locked.id, { status: MonthlyGiftStatus.PAUSED, paused_reason: 'DECLINED', next_charge_on: nextChargeOn(`${period}-01`, locked.dayOfMonth) });
        this.logger.log(`Monthly gift ${locked.id} paused after ${attempt} declined attempts for ${period}`);
      }
      await this.notices.declined(locked, donor, fund, period, attempt, retryOn);
      return retryOn ? 'declined' : 'paused';
    });
  }
}
