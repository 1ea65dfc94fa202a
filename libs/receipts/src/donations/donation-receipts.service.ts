import { Injectable } from '@nestjs/common';
import { TransactionService, type DomainEventPayloads } from '#core';
import { ReceiptIssuing } from '../receipt-issuing.service.js';
import { ReceiptStatus } from '../receipt-kind.js';
import type { Receipt } from '../receipt.entity.js';
import type { ReceiptDraft } from '../receipt-draft.js';
import { ReceiptRepository } from '../receipt.repository.js';
import { ReceiptsError } from '../receipts.errors.js';
import { DONATION_SOURCE, DONOR_YEAR_SOURCE, annualDraft, annualSourceId, giftDraft } from './gift-receipt-drafts.js';
import type { ReceiptGift } from './receipt-gift.entity.js';
import { GiftReceiptSources } from './gift-receipt-sources.service.js';
import { ReceiptGiftRepository } from './receipt-gift.repository.js';

const calendarYear = (date: string) => Number(date.slice(0, 4));

/**
 * Donation receipts from the donation events: every gift is recorded (the donor register); a
 * PER_GIFT gift gets its 寄附金受領証明書 at once; an ANNUAL gift waits for the annual receipt (or, when
 * its year's annual receipt is out already, that receipt is reissued with it); a refund voids the
 * receipt that covers the gift and issues one for what remains. A receipt voided by staff stays void.
 */
@Injectable()
export class DonationReceipts {
  constructor(
    private readonly tx: TransactionService,
    private readonly gifts: ReceiptGiftRepository,
    private readonly sources: GiftReceiptSources,
    private readonly issuing: ReceiptIssuing,
    private readonly receipts: ReceiptRepository,
  ) {}

  async onSucceeded(event: DomainEventPayloads['donation.succeeded']): Promise<Receipt | null> {
    return this.tx.run(async () => {
      await this.gifts.record(event);
      const gift = (await this.gifts.lock(event.donationId))!;
      if (gift.receiptPreference === 'PER_GIFT') return this.issueForGift(gift);
      if (gift.receiptPreference === 'ANNUAL') return this.refreshAnnual(gift, '寄附の追加 / a gift added');
      return null;
    });
  }

  async onRefunded(event: DomainEventPayloads['donation.refunded']): Promise<Receipt | null> {
    return this.tx.run(async () => {
      const before = await this.gifts.lock(event.donationId);
      const gift = await this.gifts.refund(event.donationId, BigInt(event.refundedAmountYen), event.fullyRefunded);
      // Events can be delivered out of order: the job retries until the gift is recorded.
      if (!gift) throw ReceiptsError.giftNotRecorded(event.donationId);
      // An earlier refund event delivered late: nothing changed, nothing to reissue.
      if (before && before.refundedAmount === gift.refundedAmount) return null;
      const reason = event.fullyRefunded ? '全額返金 / fully refunded' : '一部返金 / partly refunded';
      if (gift.receiptPreference === 'PER_GIFT') {
        const latest = await this.receipts.latestForSource(DONATION_SOURCE, gift.donationId);
        return latest ? this.replace(latest, giftDraft(gift, await this.sources.office(gift.bookId), latest), reason) : null;
      }
      if (gift.receiptPreference === 'ANNUAL') return this.refreshAnnual(gift, reason);
      return null;
    });
  }

  /** The gift's receipt: the existing one when the event came twice. */
  private async issueForGift(gift: ReceiptGift): Promise<Receipt | null> {
    const existing = await this.receipts.latestForSource(DONATION_SOURCE, gift.donationId);
    if (existing) return existing;
    const draft = giftDraft(gift, await this.sources.office(gift.bookId), null);
    return draft ? this.issuing.issue(draft) : null;
  }

  /**
   * Brings the annual receipt of the gift's donor, book and year up to date when it is out already
   * (the annual run issues it otherwise): void and reissue with the gifts as they are now.
   */
  private async refreshAnnual(gift: ReceiptGift, reason: string): Promise<Receipt | null> {
    const year = calendarYear(gift.receivedOn);
    const latest = await this.receipts.latestForSource(DONOR_YEAR_SOURCE, annualSourceId(gift.bookId, gift.donorId, year));
    if (!latest) return null;
    const draft = annualDraft(await this.gifts.annualGifts(gift.bookId, gift.donorId, year), year, await this.sources.office(gift.bookId), latest);
    if (draft && latest.status === ReceiptStatus.ISSUED && sameGifts(latest, draft)) return latest;
    return this.replace(latest, draft, reason);
  }

  /** Voids the issued receipt and issues the draft in its place (nothing when nothing remains, or staff voided it). */
  private async replace(latest: Receipt, draft: ReceiptDraft | null, reason: string): Promise<Receipt | null> {
    if (latest.status !== ReceiptStatus.ISSUED) return null;
    await this.issuing.markVoid(latest, reason);
    return draft ? this.issuing.issue(draft) : null;
  }
}

function sameGifts(receipt: Receipt, draft: ReceiptDraft): boolean {
  return receipt.amount === draft.amount && JSON.stringify(receipt.lines.map((l) => [l.donationId, l.amount])) === JSON.stringify(draft.lines.map((l) => [l.donationId, l.amount]));
}
