import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, IssuerConfig, Money, TransactionService } from '#core';
import { AuditLog } from '#audit';
import type { Actor } from '#auth';
import { BookService } from '#ledger';
import { EmailOutbox } from '#notifications';
import { canRead, canWrite } from './receipt-access.js';
import { ReceiptKind, ReceiptStatus } from './receipt-kind.js';
import { renderReceiptPdf, sha256, type ReceiptDocument } from './receipt-pdf.js';
import type { Receipt } from './receipt.entity.js';
import { ReceiptRepository } from './receipt.repository.js';
import { ReceiptsError } from './receipts.errors.js';
import { needsStampBox } from './stamp-duty.js';

const TITLES: Record<ReceiptKind, [string, string]> = {
  [ReceiptKind.DUES]: ['領収書', 'Receipt'],
  [ReceiptKind.DONATION]: ['寄附金受領証明書', 'Donation receipt'],
  [ReceiptKind.ANNUAL_DONATION]: ['寄附金受領証明書 (年間)', 'Annual donation receipt'],
};

export type ReceiptMedium = 'email' | 'paper';

/**
 * A receipt's PDF: rendered from its snapshot and the issuer's configuration, stored once with its
 * SHA-256 (a download returns those bytes), e-mailed with the PDF attached through the outbox.
 */
@Injectable()
export class ReceiptDocuments {
  constructor(
    private readonly tx: TransactionService,
    private readonly receipts: ReceiptRepository,
    private readonly books: BookService,
    private readonly issuers: IssuerConfig,
    private readonly emails: EmailOutbox,
    private readonly audit: AuditLog,
  ) {}

  /** What the PDF prints. The federation issues for its own and the branches' books; the foundation for its book. */
  async document(receipt: Receipt, medium: ReceiptMedium = 'email'): Promise<ReceiptDocument> {
    const book = await this.books.findById(receipt.bookId);
    const issuer = book.kind === 'FOUNDATION' ? this.issuers.foundation : this.issuers.federation;
    return {
      number: receipt.number,
      kind: receipt.kind,
      void: receipt.status === ReceiptStatus.VOID,
      issuedOn: receipt.issuedOn,
      receivedOn: receipt.receivedOn,
      recipientName: receipt.recipientName,
      recipientPostalCode: receipt.recipientPostalCode,
      recipientAddress: receipt.recipientAddress,
      amount: receipt.amount,
      currency: receipt.currency,
      purpose: receipt.purpose,
      issuer,
      office: receipt.office,
      replacesNumber: receipt.replacesNumber,
      gifts: receipt.kind !== ReceiptKind.ANNUAL_DONATION ? [] : receipt.lines.map((l) => ({ receivedOn: l.receivedOn, amount: BigInt(l.amount), fund: l.fundNameJa })),
      stampBox: needsStampBox({ rule: issuer.stampDuty, amount: receipt.amount, recipientIsMember: receipt.recipientIsMember, medium }),
    };
  }

  /**
   * The `receipt.render` job: renders and stores the PDF unless stored, then (for an issued
   * receipt with an address, once) queues the e-mail with the PDF attached. Re-run safely.
   */
  async renderAndSend(receiptId: string): Promise<'rendered' | 'skipped'> {
    return this.tx.run(async () => {
      const receipt = await this.receipts.lockById(receiptId);
      if (!receipt) return 'skipped';
      let pdf = await this.receipts.pdfOf(receiptId);
      const rendered = !pdf;
      if (!pdf) {
        pdf = await renderReceiptPdf(await this.document(receipt));
        await this.receipts.storePdf(receiptId, pdf, sha256(pdf));
      }
      if (receipt.status === ReceiptStatus.ISSUED && receipt.recipientEmail && !receipt.emailId) {
        const emailId = await this.queueEmail(receipt, pdf, `receipt.${receipt.id}`);
        await this.receipts.setEmail(receipt.id, emailId);
      }
      return rendered ? 'rendered' : 'skipped';
    });
  }

  /** The PDF for a download: the stored bytes (rendered and stored now if the job has not run yet); a paper copy may carry the stamp box. */
  async pdf(actor: Actor, id: string, medium: ReceiptMedium = 'email'): Promise<{ receipt: Receipt; pdf: Buffer }> {
    return this.tx.run(async () => {
      const receipt = await this.readable(actor, id);
      if (medium === 'paper') return { receipt, pdf: await renderReceiptPdf(await this.document(receipt, 'paper')) };
      const stored = await this.receipts.pdfOf(id);
      if (stored) return { receipt, pdf: stored };
      const pdf = await renderReceiptPdf(await this.document(receipt));
      await this.receipts.storePdf(id, pdf, sha256(pdf));
      return { receipt, pdf: (await this.receipts.pdfOf(id))! };
    });
  }

  /** A treasurer sends the receipt again (a new e-mail with the stored PDF). */
  async resend(actor: Actor, id: string): Promise<Receipt> {
    return this.tx.run(async () => {
      const receipt = await this.readable(actor, id);
      if (!canWrite(actor, receipt)) throw AppError.forbidden();
      if (!receipt.recipientEmail) throw ReceiptsError.noEmail(receipt.number);
      const { pdf } = await this.pdf(actor, id);
      const emailId = await this.queueEmail(receipt, pdf, `receipt.${receipt.id}.resend.${randomUUID()}`);
      await this.receipts.setEmail(receipt.id, emailId);
      await this.audit.record(actor, { action: 'receipt.resend', entityType: 'Receipt', entityId: id, branchId: receipt.branchId, after: { emailId } });
      return (await this.receipts.findById(id))!;
    });
  }

  async readable(actor: Actor, id: string): Promise<Receipt> {
    const receipt = await this.receipts.findById(id);
    if (!receipt || !canRead(actor, receipt)) throw ReceiptsError.notFound(id);
    return receipt;
  }

  private queueEmail(receipt: Receipt, pdf: Buffer, idempotencyKey: string): Promise<string> {
    const attachments = [{ filename: `${receipt.number}.pdf`, contentType: 'application/pdf', content: pdf }];
    const amount = Money.of(receipt.amount, receipt.currency).format(receipt.locale);
    const base = { idempotencyKey, to: receipt.recipientEmail!, locale: receipt.locale, attachments };
    if (receipt.kind === ReceiptKind.DUES) {
      const [title, titleEn] = TITLES[receipt.kind];
      return this.emails.queue({ ...base, template: 'receipt-issued', params: { recipientName: receipt.recipientName, receiptNumber: receipt.number, title, titleEn, amount, purpose: receipt.purpose } });
    }
    const annual = receipt.kind === ReceiptKind.ANNUAL_DONATION ? { year: receipt.year, gifts: receipt.lines.length } : null;
    const fund = receipt.lines[0] ? (receipt.locale === 'en' ? receipt.lines[0].fundNameEn : receipt.lines[0].fundNameJa) : receipt.purpose;
    return this.emails.queue({
      ...base,
      template: 'donation-receipt-issued',
      params: { recipientName: receipt.recipientName, receiptNumber: receipt.number, amount, fund, annual, replacesNumber: receipt.replacesNumber },
    });
  }
}
