import { Injectable } from '@nestjs/common';
import { AppConfig, Money } from '#core';
import { SYSTEM_ACTOR, UserDirectory } from '#auth';
import type { AutoRenewDueInvoice } from '#dues';
import { MemberDirectory } from '#members';
import { EmailOutbox } from '#notifications';
import { OnlineCheckouts } from './online-checkouts.service.js';

/**
 * What the member is told after an auto-renew attempt that did not bring the money in, in their
 * language (their account's), through the e-mail outbox, once per invoice and attempt:
 *   declined         the attempt, when the card is tried again (or that it will not be), a page to pay
 *   action required  a Stripe Checkout link to pay the invoice with the issuer's authentication
 * `prepare*` runs outside any transaction (it may call Stripe); `queue` runs in the attempt's.
 */
@Injectable()
export class AutoRenewNotices {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly members: MemberDirectory,
    private readonly users: UserDirectory,
    private readonly checkouts: OnlineCheckouts,
    private readonly config: AppConfig,
  ) {}

  /** The Checkout page where the member pays the invoice on-session (the card is saved again: auto-renew is on). */
  async checkoutUrl(invoiceId: string): Promise<string> {
    return (await this.checkouts.startForInvoice(SYSTEM_ACTOR, invoiceId)).url;
  }

  /** The portal page of the invoice, where the member starts a payment (card or konbini). */
  invoicePage(invoiceId: string): string {
    return `${this.config.publicUrl.replace(/\/+$/, '')}/portal/invoices/${invoiceId}`;
  }

  async queueDeclined(invoice: AutoRenewDueInvoice, amount: Money, attempt: number, nextAttemptOn: string | null): Promise<void> {
    const to = await this.recipient(invoice.memberId);
    if (!to) return;
    await this.outbox.queue({
      idempotencyKey: `auto-renew-declined.${invoice.invoiceId}.${attempt}`,
      to: to.email,
      template: 'auto-renew-declined',
      locale: to.locale,
      params: { recipientName: to.name, invoiceNumber: invoice.invoiceNumber, amount: amount.format(to.locale), attempt, nextAttemptOn, payUrl: this.invoicePage(invoice.invoiceId) },
    });
  }

  async queueActionRequired(invoice: AutoRenewDueInvoice, amount: Money, attempt: number, payUrl: string): Promise<void> {
    const to = await this.recipient(invoice.memberId);
    if (!to) return;
    await this.outbox.queue({
      idempotencyKey: `auto-renew-action-required.${invoice.invoiceId}.${attempt}`,
      to: to.email,
      template: 'auto-renew-action-required',
      locale: to.locale,
      params: { recipientName: to.name, invoiceNumber: invoice.invoiceNumber, amount: amount.format(to.locale), payUrl },
    });
  }

  private async recipient(memberId: string): Promise<{ email: string; name: string; locale: 'ja' | 'en' } | null> {
    const member = await this.members.get(memberId);
    if (!member.email) return null;
    return { email: member.email, name: member.name, locale: await this.users.localeOfMember(memberId) };
  }
}
