import { Injectable } from '@nestjs/common';
import { TransactionService, type DomainEventPayloads } from '#core';
import { ReceiptGift } from './receipt-gift.entity.js';

/** Receipts' record of gifts, in the caller's transaction. */
@Injectable()
export class ReceiptGiftRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.repository(ReceiptGift);
  }

  /** Records a gift from its event; the same gift twice is one row (the first kept). */
  async record(e: DomainEventPayloads['donation.succeeded']): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .values({
        donationId: e.donationId,
        donorId: e.donorId,
        memberId: e.memberId,
        bookId: e.bookId,
        fundId: e.fundId,
        fundNameJa: e.fundNameJa,
        fundNameEn: e.fundNameEn,
        restricted: e.restricted,
        amount: BigInt(e.amountYen),
        receivedOn: e.receivedOn,
        receiptPreference: e.receiptPreference,
        monthlyGiftId: e.monthlyGiftId,
        donorNameKanji: e.donorNameKanji,
        donorNameKana: e.donorNameKana,
        donorEmail: e.donorEmail,
        donorPostalCode: e.donorPostalCode,
        donorAddress: e.donorAddress,
        language: e.language,
      })
      .orIgnore()
      .execute();
  }

  /**
   * Records what has been refunded of the gift in all (the event's running total; never lowered, so
   * refund events delivered out of order leave the largest; capped at the gift; a full refund is all of
   * it). The gift after it, locked; null when the gift is not recorded (yet).
   */
  async refund(donationId: string, refundedInAll: bigint, full: boolean): Promise<ReceiptGift | null> {
    await this.tx.manager.query(
      `UPDATE receipt_gifts SET refunded_amount = CASE WHEN $3 THEN amount ELSE GREATEST(refunded_amount, LEAST(amount, $2::bigint)) END WHERE donation_id = $1`,
      [donationId, refundedInAll.toString(), full],
    );
    return this.lock(donationId);
  }

  lock(donationId: string): Promise<ReceiptGift | null> {
    return this.repo.createQueryBuilder('g').where('g.donation_id = :donationId', { donationId }).setLock('pessimistic_write').getOne();
  }

  findById(donationId: string): Promise<ReceiptGift | null> {
    return this.repo.findOneBy({ donationId });
  }

  /** The gifts one annual receipt of a donor lists: ANNUAL gifts to the book in the calendar year, in date order. */
  annualGifts(bookId: string, donorId: string, year: number): Promise<ReceiptGift[]> {
    return this.repo
      .createQueryBuilder('g')
      .where(`g.book_id = :bookId AND g.donor_id = :donorId AND g.receipt_preference = 'ANNUAL'`, { bookId, donorId })
      .andWhere('g.received_on BETWEEN :from AND :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('g.received_on', 'ASC')
      .addOrderBy('g.created_at', 'ASC')
      .addOrderBy('g.donation_id', 'ASC')
      .getMany();
  }
}
