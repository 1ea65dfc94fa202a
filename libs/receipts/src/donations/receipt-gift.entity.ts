import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export type ReceiptPreference = 'PER_GIFT' | 'ANNUAL' | 'NONE';

/**
 * A gift as receipts know it: written from the `donation.succeeded` payload (and its refunds from
 * `donation.refunded`), never read from donations' tables. The donor's name and address are those
 * given with this gift: a receipt is made from the gifts it covers, never from an earlier receipt.
 * Also the donor register (寄附者名簿) of the issuing book.
 */
@Entity('receipt_gifts')
@Index('receipt_gifts_book_received_idx', ['bookId', 'receivedOn', 'donationId'])
@Index('receipt_gifts_annual_idx', ['bookId', 'donorId', 'receivedOn'], { where: `receipt_preference = 'ANNUAL'` })
export class ReceiptGift {
  @PrimaryColumn('uuid', { name: 'donation_id' })
  donationId: string;

  @Column('uuid', { name: 'donor_id' })
  donorId: string;

  @Column('uuid', { name: 'member_id', nullable: true })
  memberId: string | null;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  @Column('uuid', { name: 'fund_id' })
  fundId: string;

  @Column('text', { name: 'fund_name_ja' })
  fundNameJa: string;

  @Column('text', { name: 'fund_name_en' })
  fundNameEn: string;

  @Column('boolean')
  restricted: boolean;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('bigint', { name: 'refunded_amount', default: 0, transformer: bigintTransformer })
  refundedAmount: bigint;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('text', { name: 'receipt_preference' })
  receiptPreference: ReceiptPreference;

  @Column('uuid', { name: 'monthly_gift_id', nullable: true })
  monthlyGiftId: string | null;

  @Column('text', { name: 'donor_name_kanji' })
  donorNameKanji: string;

  @Column('text', { name: 'donor_name_kana', nullable: true })
  donorNameKana: string | null;

  @Column('text', { name: 'donor_email', nullable: true })
  donorEmail: string | null;

  @Column('text', { name: 'donor_postal_code', nullable: true })
  donorPostalCode: string | null;

  @Column('text', { name: 'donor_address', nullable: true })
  donorAddress: string | null;

  @Column('text')
  language: 'ja' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
