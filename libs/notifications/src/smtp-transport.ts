import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SmtpConfig } from '#core';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** Deterministic, so a receiving server can tell a resend from a new message. */
  messageId: string;
  /** The Date header (second precision): when the message was queued, the same for every send. */
  date: Date;
  /** The shared part of the MIME boundaries (nodemailer draws it at random unless given). */
  boundary: string;
}

/** The URL with nodemailer's `pool=true` (its own URL options are kept). */
function pooled(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
  return u.toString();
}

/** The SMTP connection (nodemailer), created on first use and closed on shutdown. */
@Injectable()
export class SmtpTransport implements OnModuleDestroy {
  private transporter: Transporter | null = null;

  constructor(private readonly config: SmtpConfig) {}

  /** `<key@domain of MAIL_FROM>`. */
  messageId(key: string): string {
    return `<${key}@${this.config.from.split('@')[1]}>`;
  }

  /**
   * The message as it goes over the wire (RFC 5322 bytes). Deterministic: the same e-mail gives the
   * same bytes, every time and in every process — Message-ID, Date and MIME boundaries come from the
   * caller, and nothing else in nodemailer's composition is drawn at random.
   */
  compose(email: OutgoingEmail): Promise<Buffer> {
    return new MailComposer({
      from: this.config.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments,
      messageId: email.messageId,
      date: email.date,
      baseBoundary: email.boundary,
      // Japanese text as base64 UTF-8: safe for every relay, decodable by any client.
      textEncoding: 'base64',
    })
      .compile()
      .build();
  }

  /** One SMTP transaction with exactly these bytes; resolves on the server's 250 to the final dot. */
  async send(to: string, raw: Buffer): Promise<void> {
    // One pooled connection, kept open between messages (a new connection per message halves the rate).
    this.transporter ??= nodemailer.createTransport(pooled(this.config.url));
    await this.transporter.sendMail({ envelope: { from: this.config.from, to: [to] }, raw });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
