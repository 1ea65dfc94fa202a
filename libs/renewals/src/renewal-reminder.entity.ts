import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReminderKind } from './reminder-schedule.js';

/**
 * A renewal reminder sent: one per membership, renewal period and kind (the primary key), so a
 * run repeated, or two at once, sends each reminder once. The e-mail is the notifications
 * outbox's message: only reminders to a member with an address are recorded (null only in rows
 * recorded before 2026-12, when members without one got a row too).
 */
@Entity('renewal_reminders')
@Index('renewal_reminders_branch_idx', ['branchId', 'sentOn'])
export class RenewalReminder {
  @PrimaryColumn('uuid', { name: 'membership_id' })
  membershipId: string;

  /** The first day of the renewal period (the invoice's period). */
  @PrimaryColumn('date', { name: 'period_start' })
  periodStart: string;

  @PrimaryColumn('text')
  kind: ReminderKind;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'branch_id' })
  branchId: string;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId: string;

  @Column('uuid', { name: 'email_id', nullable: true })
  emailId: string | null;

  @Column('date', { name: 'sent_on' })
  sentOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
