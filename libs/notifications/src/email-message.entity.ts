import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EmailLocale } from './templates/email-template.js';

export type EmailStatus = 'PENDING' | 'SENT' | 'FAILED';

/**
 * One e-mail, rendered when queued and sent once by the `email.send` job.
 * The idempotency key makes queuing the same e-mail twice one e-mail.
 */
@Entity('email_messages')
@Index('email_messages_unsent_idx', ['createdAt'], { where: `status <> 'SENT'` })
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  @Column('text')
  template: string;

  @Column('text')
  locale: EmailLocale;

  @Column('text', { name: 'to_address' })
  toAddress: string;

  @Column('text')
  subject: string;

  @Column('text', { name: 'text_body' })
  textBody: string;

  @Column('text', { default: 'PENDING' })
  status: EmailStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
