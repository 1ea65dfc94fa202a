import { Injectable } from '@nestjs/common';
import { AppConfig, Money } from '#core';
import { Role, UserDirectory } from '#auth';
import { EmailOutbox } from '#notifications';
import type { Donor } from './donor.repository.js';
import type { Fund } from './fund.repository.js';
import { GUEST_LIMITS, GuestDonationGuard } from './guest-donation-guard.js';
import type { MonthlyGift } from './monthly-gift.repository.js';

/** The e-mails of donations, through the e-mail outbox (after commit, at most once per key). */
@Injectable()
export class DonationNotices {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly guard: GuestDonationGuard,
    private readonly users: UserDirectory,
    private readonly config: AppConfig,
  ) {}

  private url(path: string): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}${path}`;
  }

  async declined(gift: MonthlyGift, donor: Donor, fund: Fund, period: string, attempt: number, nextRetryOn: string | null): Promise<void> {
    if (!donor.email) return;
    const locale = gift.language;
    await this.outbox.queue({
      idempotencyKey: `monthly-gift-declined:${gift.id}:${period}:${attempt}`,
      to: donor.email,
      template: 'monthly-gift-declined',
      locale,
      params: {
        donorName: donor.nameKanji,
        fundName: locale === 'ja' ? fund.nameJa : fund.nameEn,
        amount: Money.of(gift.amount, gift.currency).format(locale),
        period,
        nextRetryOn,
        manageUrl: this.url(`/portal/donations/monthly/${gift.id}`),
      },
    });
  }

  async requiresAction(gift: MonthlyGift, donor: Donor, fund: Fund, period: string, paymentIntentId: string): Promise<void> {
    if (!donor.email) return;
    const locale = gift.language;
    await this.outbox.queue({
      idempotencyKey: `monthly-gift-requires-action:${gift.id}:${period}`,
      to: donor.email,
      template: 'monthly-gift-requires-action',
      locale,
      params: {
        donorName: donor.nameKanji,
        fundName: locale === 'ja' ? fund.nameJa : fund.nameEn,
        amount: Money.of(gift.amount, gift.currency).format(locale),
        period,
        confirmUrl: this.url(`/portal/donations/monthly/${gift.id}/confirm?payment_intent=${paymentIntentId}`),
      },
    });
  }

  /** A guest payment failed; the failure that reaches the spike sends one alert per window to every federation admin. */
  async guestPaymentFailed(now: Date): Promise<void> {
    const windowStart = await this.guard.failure(now);
    if (!windowStart) return;
    const admins = await this.users.list({ role: Role.FEDERATION_ADMIN }, { first: 50 });
    for (const { node: admin } of admins.edges) {
      if (!admin.active) continue;
      await this.outbox.queue({
        idempotencyKey: `donation-failure-spike:${windowStart}:${admin.id}`,
        to: admin.email,
        template: 'donation-failure-spike',
        locale: 'ja',
        params: { failures: GUEST_LIMITS.failureSpike.limit, minutes: GUEST_LIMITS.failureSpike.windowMs / 60_000, windowStart },
      });
    }
  }
}
