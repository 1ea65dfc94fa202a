import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EmailLocale } from './templates/email-template.js';

/**
 * PENDING: to send. SENDING: claimed by a worker (claimed_at) that is sending it now, or that
 * stopped before it knew the outcome (in doubt once the claim is older than the in-doubt delay).
 * SENT. FAILED: refused after the last attempt.
 */
export type EmailStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

/**
 * One e-mail, queued with its template parameters and delivered at least once per Message-ID by
 * the `email.send` job, with at most one in-doubt resend of the same bytes (see EmailSendProcessor
 * and EmailInDoubtSweep). The idempotency key makes queuing the same e-mail twice one
 * e-mail. Nothing here can sign anyone in: one-time links are kept as references in `params`
 * and made into URLs only at send time; `text_body` is the message with those links redacted.
 */
@Entity('email_messages')
@Index('email_messages_unsent_idx', ['createdAt'], { where: `status <> 'SENT'` })
@Index('email_messages_failed_idx', ['createdAt', 'id'], { where: `status = 'FAILED'` })
@Index('email_messages_sending_idx', ['claimedAt'], { where: `status = 'SENDING'` })
@Index('email_messages_in_doubt_idx', ['createdAt', 'id'], { where: `status = 'SENDING' OR in_doubt_resends > 0` })
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

  /** The message as sent, with one-time links redacted. */
  @Column('text', { name: 'text_body' })
  textBody: string;

  /** The template's parameters (ids and names, never a secret), rendered again at send time. */
  @Column('jsonb')
  params: object;

  @Column('text', { default: 'PENDING' })
  status: EmailStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** When a worker claimed the message to send it (status SENDING). */
  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  /** SHA-256 (hex) of the bytes of the last transmission, set with the claim: an in-doubt resend must match it. */
  @Column('text', { name: 'content_sha256', nullable: true })
  contentSha256: string | null;

  /** 1 once the recovery sweep re-sent the message after an unknown outcome (never more than once). */
  @Column('int', { name: 'in_doubt_resends', default: 0 })
  inDoubtResends: number;

  /** When the sweep found the message in doubt (its claim older than the in-doubt delay) and queued the resend. */
  @Column('timestamptz', { name: 'in_doubt_at', nullable: true })
  inDoubtAt: Date | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
