import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '#core';

export enum LineStatus {
  /** No suggestion good enough: an exception for the treasurer. */
  UNMATCHED = 'UNMATCHED',
  /** Suggestions wait for the treasurer. */
  SUGGESTED = 'SUGGESTED',
  /** Recorded as payments (automatically or by a treasurer). */
  CONFIRMED = 'CONFIRMED',
  /** Not dues: interest, a fee, a refund — with the account to post it to. */
  NOT_DUES = 'NOT_DUES',
}

/** A suggestion as stored: amounts as strings (jsonb holds no bigint). */
export interface StoredSuggestion {
  kind: 'INVOICES' | 'NOT_DUES' | 'PAYOUT' | 'SETTLEMENT';
  allocations: { invoiceId: string; invoiceNumber: string; memberId: string; amount: string }[];
  excess: string;
  short: string;
  category: string | null;
  /** A PAYOUT suggestion: the Stripe payout (po_…) the line is. */
  payoutId?: string | null;
  /** A SETTLEMENT suggestion: the branch's settlement to the federation the line is the transfer of. */
  settlementId?: string | null;
  score: number;
  exact: boolean;
  reasons: { ja: string; en: string }[];
}

/** One line of a bank account's statements, stored once however many statements repeat it. */
@Entity('reconciliation_lines')
@Index('reconciliation_lines_fingerprint_key', ['bankAccountId', 'fingerprint'], { unique: true })
@Index('reconciliation_lines_account_date_idx', ['bankAccountId', 'bookedOn', 'id'])
@Index('reconciliation_lines_payout_key', ['payoutId'], { unique: true, where: 'payout_id IS NOT NULL' })
@Index('reconciliation_lines_settlement_key', ['settlementId'], { unique: true, where: 'settlement_id IS NOT NULL' })
export class StatementLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'bank_account_id' })
  bankAccountId: string;

  @Column('uuid', { name: 'statement_id' })
  statementId: string;

  /** What makes a line the same line in two statements (account, date, 照会番号, amount, payer, repeat). */
  @Column('text')
  fingerprint: string;

  @Column('integer', { name: 'line_number' })
  lineNumber: number;

  @Column('text')
  reference: string;

  @Column('date', { name: 'booked_on' })
  bookedOn: string;

  @Column('date', { name: 'value_on', nullable: true })
  valueOn: string | null;

  /** IN or OUT. */
  @Column('text')
  direction: 'IN' | 'OUT';

  /** NORMAL, CORRECTION (取引区分 19) or CANCELLATION (01 取消). */
  @Column('text')
  kind: string;

  @Column('text', { name: 'transaction_type', nullable: true })
  transactionType: string | null;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('text', { name: 'payer_code' })
  payerCode: string;

  @Column('text', { name: 'payer_name' })
  payerName: string;

  @Column('text')
  memo: string;

  @Column('text')
  edi: string;

  @Column('text', { default: LineStatus.UNMATCHED })
  status: LineStatus;

  @Column('jsonb', { default: () => "'[]'" })
  suggestions: StoredSuggestion[];

  /** The payments recorded for this line (one per member it paid). */
  @Column('uuid', { name: 'payment_ids', array: true, default: () => "'{}'" })
  paymentIds: string[];

  /** Counts confirmations, so a line confirmed again after an unconfirm gets new idempotency keys. */
  @Column('integer', { default: 0 })
  confirmations: number;

  @Column('boolean', { name: 'auto_confirmed', default: false })
  autoConfirmed: boolean;

  @Column('text', { name: 'not_dues_category', nullable: true })
  notDuesCategory: string | null;

  @Column('text', { name: 'not_dues_account', nullable: true })
  notDuesAccount: string | null;

  /** The ledger entry reconciliation posted for the line itself (not dues, a payout); payments post their own. */
  @Column('uuid', { name: 'journal_entry_id', nullable: true })
  journalEntryId: string | null;

  /** The line is a bank transfer a treasurer had recorded by hand: confirming linked it, unconfirming unlinks it (never voids it). */
  @Column('boolean', { name: 'payment_linked', default: false })
  paymentLinked: boolean;

  /** The Stripe payout this line is (a CONFIRMED line without payments). */
  @Column('text', { name: 'payout_id', nullable: true })
  payoutId: string | null;

  /**
   * The settlement (branch → federation) this outgoing line is the transfer of: a CONFIRMED line
   * without payments or an entry of its own (the settlement posted the bank already; the line clears it).
   */
  @Column('uuid', { name: 'settlement_id', nullable: true })
  settlementId: string | null;

  @Column('uuid', { name: 'confirmed_by', nullable: true })
  confirmedBy: string | null;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
