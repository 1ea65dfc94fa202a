import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '#core';
import { ReceiptKind, ReceiptStatus } from './receipt-kind.js';

/** One gift listed on an annual receipt: a snapshot of the gift (amount net of refunds). */
export interface ReceiptLine {
  donationId: string;
  receivedOn: string;
  /** Yen, as a decimal string (JSON has no bigint). */
  amount: string;
  fundNameJa: string;
  fundNameEn: string;
}

/**
 * One issued receipt with a snapshot of everything it prints (recipient, amount, purpose): a
 * later change of the member, or a later gift, never alters it. Its PDF is rendered once by the
 * worker after commit and stored with its SHA-256; a download returns those bytes.
 */
@Entity('receipts')
@Index('receipts_book_year_kind_sequence_key', ['bookId', 'year', 'kind', 'sequence'], { unique: true })
@Index('receipts_issued_source_key', ['sourceType', 'sourceId'], { unique: true, where: `status = 'ISSUED'` })
@Index('receipts_branch_issued_idx', ['branchId', 'issuedOn', 'id'])
@Index('receipts_member_issued_idx', ['memberId', 'issuedOn', 'id'])
@Index('receipts_issued_idx', ['issuedOn', 'id'])
@Index('receipts_book_issued_idx', ['bookId', 'issuedOn', 'id'])
@Index('receipts_source_idx', ['sourceType', 'sourceId', 'createdAt'])
export class Receipt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'book_id' })
  bookId: string;

  @Column('text')
  kind: ReceiptKind;

  @Column('int')
  year: number;

  @Column('int')
  sequence: number;

  /** R2026-000042 */
  @Column('text')
  number: string;

  @Column('text', { default: ReceiptStatus.ISSUED })
  status: ReceiptStatus;

  /** What was paid: INVOICE (dues), DONATION, DONOR_YEAR (annual). */
  @Column('text', { name: 'source_type' })
  sourceType: string;

  @Column('text', { name: 'source_id' })
  sourceId: string;

  @Column('uuid', { name: 'member_id', nullable: true })
  memberId: string | null;

  @Column('uuid', { name: 'branch_id', nullable: true })
  branchId: string | null;

  @Column('text', { name: 'recipient_name' })
  recipientName: string;

  @Column('text', { name: 'recipient_postal_code', nullable: true })
  recipientPostalCode: string | null;

  @Column('text', { name: 'recipient_address', nullable: true })
  recipientAddress: string | null;

  @Column('text', { name: 'recipient_email', nullable: true })
  recipientEmail: string | null;

  @Column('boolean', { name: 'recipient_is_member' })
  recipientIsMember: boolean;

  @Column('text')
  locale: 'ja' | 'en';

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('char', { length: 3, default: 'JPY' })
  currency: string;

  @Column('text')
  purpose: string;

  /** The office that received the money (the book's name). */
  @Column('text')
  office: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('date', { name: 'issued_on' })
  issuedOn: string;

  /** The gifts an annual receipt lists (empty for the others). */
  @Column('jsonb', { default: () => "'[]'" })
  lines: ReceiptLine[];

  /** The receipt this one replaces (a reissue). */
  @Column('uuid', { name: 'replaces_id', nullable: true })
  replacesId: string | null;

  @Column('text', { name: 'replaces_number', nullable: true })
  replacesNumber: string | null;

  @Column('timestamptz', { name: 'voided_at', nullable: true })
  voidedAt: Date | null;

  @Column('text', { name: 'void_reason', nullable: true })
  voidReason: string | null;

  /** The PDF as sent and downloaded (null until the worker renders it). */
  @Column('bytea', { nullable: true, select: false })
  pdf: Buffer | null;

  @Column('text', { name: 'pdf_sha256', nullable: true })
  pdfSha256: string | null;

  @Column('text', { name: 'email_id', nullable: true })
  emailId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
