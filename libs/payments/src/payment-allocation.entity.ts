import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintTransformer } from '#core';
import { Payment } from './payment.entity.js';

export enum AllocationSource {
  /** Allocated when the payment was recorded. */
  PAYMENT = 'PAYMENT',
  /** The payment's credit, applied to an invoice later (its own journal entry). */
  CREDIT = 'CREDIT',
}

/** Part of a payment applied to an invoice. Released (not deleted) when the payment is voided. */
@Entity('payment_allocations')
@Index('payment_allocations_payment_idx', ['paymentId'])
@Index('payment_allocations_invoice_idx', ['invoiceId'])
export class PaymentAllocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'payment_id' })
  paymentId: string;

  @ManyToOne(() => Payment, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'payment_allocations_payment_id_fkey' })
  payment?: Relation<Payment>;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId: string;

  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('text')
  source: AllocationSource;

  @Column('date', { name: 'applied_on' })
  appliedOn: string;

  /** For CREDIT allocations: the entry moving credit to the receivable. */
  @Column('uuid', { name: 'journal_entry_id', nullable: true })
  journalEntryId: string | null;

  @Column('timestamptz', { name: 'released_at', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
