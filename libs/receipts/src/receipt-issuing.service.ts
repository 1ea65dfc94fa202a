import { Injectable } from '@nestjs/common';
import { AppError, Clock, OutboxService, TransactionService } from '#core';
import { AuditLog } from '#audit';
import { UserDirectory, type Actor } from '#auth';
import { PaidInvoices, type PaidInvoiceDetails } from '#payments';
import { canRead, canWrite } from './receipt-access.js';
import { ReceiptKind, ReceiptStatus } from './receipt-kind.js';
import { formatReceiptNumber, receiptYear } from './receipt-number.js';
import type { Receipt } from './receipt.entity.js';
import type { ReceiptDraft } from './receipt-draft.js';
import { GiftReceiptSources } from './donations/gift-receipt-sources.service.js';
import { ReceiptRepository } from './receipt.repository.js';
import { ReceiptsError } from './receipts.errors.js';

export const INVOICE_SOURCE = 'INVOICE';


/**
 * Issues, voids and reissues receipts. A number comes from the counter row of the receipt's book,
 * year and kind, locked in the issuing transaction (see ReceiptRepository.nextSequence); the PDF is
 * rendered after commit by the `receipt.render` job, queued in the same transaction.
 */
@Injectable()
export class ReceiptIssuing {
  constructor(
    private readonly tx: TransactionService,
    private readonly receipts: ReceiptRepository,
    private readonly invoices: PaidInvoices,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly gifts: GiftReceiptSources,
    private readonly users: UserDirectory,
  ) {}

  /** The 領収書 of a dues invoice paid in full; the existing one when it was issued before; null when the invoice is not paid (any more). */
  async issueForInvoice(invoiceId: string): Promise<Receipt | null> {
    return this.tx.run(async () => {
      const existing = await this.receipts.findIssuedForSource(INVOICE_SOURCE, invoiceId);
      if (existing) return existing;
      const details = await this.invoices.details(invoiceId);
      if (!details || details.status !== 'PAID' || !details.paidOn) return null;
      return this.issue(duesDraft(details, null, await this.localeOf(details.memberId)));
    });
  }

  /** Voids the issued receipt of an invoice that is no longer paid (a voided payment). */
  async voidForInvoice(invoiceId: string, reason: string): Promise<Receipt | null> {
    return this.tx.run(async () => {
      const details = await this.invoices.details(invoiceId);
      if (details?.status === 'PAID') return null;
      const receipt = await this.receipts.findIssuedForSource(INVOICE_SOURCE, invoiceId);
      if (!receipt) return null;
      await this.markVoid(receipt, reason);
      return this.receipts.findById(receipt.id);
    });
  }

  /** A treasurer voids a receipt: it keeps its number, and its PDF shows 無効 / VOID. */
  async void(actor: Actor, id: string, reason: string): Promise<Receipt> {
    const why = checkedReason(reason);
    return this.tx.run(async () => {
      const receipt = await this.lockWritable(actor, id);
      if (receipt.status === ReceiptStatus.VOID) throw ReceiptsError.alreadyVoid(receipt.number);
      await this.markVoid(receipt, why);
      await this.audit.record(actor, { action: 'receipt.void', entityType: 'Receipt', entityId: id, branchId: receipt.branchId, before: { status: receipt.status }, after: { status: ReceiptStatus.VOID, voidReason: why } });
      return (await this.receipts.findById(id))!;
    });
  }

  /**
   * Voids the receipt (if not void yet) and issues a new one with a new number that points at it,
   * with the recipient's current name and address (a reissue usually corrects them).
   */
  async reissue(actor: Actor, id: string, reason: string): Promise<Receipt> {
    const why = checkedReason(reason);
    return this.tx.run(async () => {
      const old = await this.lockWritable(actor, id);
      const draft = await this.currentDraft(old);
      if (!draft) throw ReceiptsError.sourceNotPaid(old.number);
      const issued = await this.receipts.findIssuedForSource(old.sourceType, old.sourceId);
      if (issued && issued.id !== old.id) throw ReceiptsError.replacedAlready(old.number, issued.number);
      if (old.status === ReceiptStatus.ISSUED) await this.markVoid(old, why);
      const fresh = await this.issue(draft);
      await this.audit.record(actor, { action: 'receipt.reissue', entityType: 'Receipt', entityId: fresh.id, branchId: fresh.branchId, before: { id: old.id, number: old.number }, after: { number: fresh.number, reason: why } });
      return fresh;
    });
  }

  /** What a receipt of the same source would print now (the member's current address, a gift's refunds), replacing `old`; null when nothing is owed a receipt. */
  private async currentDraft(old: Receipt): Promise<ReceiptDraft | null> {
    if (old.sourceType !== INVOICE_SOURCE) return this.gifts.currentDraft(old);
    const details = await this.invoices.details(old.sourceId);
    if (!details || details.status !== 'PAID' || !details.paidOn) return null;
    return duesDraft(details, old, await this.localeOf(details.memberId));
  }

  /** The member's language (their account's), Japanese when they have no account. */
  private async localeOf(memberId: string): Promise<'ja' | 'en'> {
    return (await this.users.localeOfMember(memberId)) ?? 'ja';
  }

  /** Locks a receipt the actor may change: NOT_FOUND when they may not see it either. */
  async lockWritable(actor: Actor, id: string): Promise<Receipt> {
    const receipt = await this.receipts.lockById(id);
    if (!receipt || !canRead(actor, receipt)) throw ReceiptsError.notFound(id);
    if (!canWrite(actor, receipt)) throw AppError.forbidden();
    return receipt;
  }

  /** Marks a receipt VOID and queues its 無効 PDF. */
  async markVoid(receipt: Receipt, reason: string): Promise<void> {
    await this.receipts.markVoid(receipt.id, this.clock.now(), reason);
    await this.outbox.enqueue('receipt.render', { receiptId: receipt.id }, `receipt-void-${receipt.id}`);
  }

  /** Takes the next number (locking the counter), unless the source already has an issued receipt. In the caller's transaction. */
  async issue(draft: ReceiptDraft): Promise<Receipt> {
    const year = receiptYear(draft.kind, draft.receivedOn);
    const sequence = await this.receipts.nextSequence(draft.bookId, year, draft.kind);
    // Checked under the counter's lock: a concurrent issue for the same source has committed by now.
    const existing = await this.receipts.findIssuedForSource(draft.sourceType, draft.sourceId);
    if (existing) throw new ReceiptAlreadyIssued(existing);
    const receipt = await this.receipts.insert({ ...draft, year, sequence, number: formatReceiptNumber(draft.kind, year, sequence), status: ReceiptStatus.ISSUED, issuedOn: this.clock.today() });
    await this.outbox.enqueue('receipt.render', { receiptId: receipt.id }, `receipt-render-${receipt.id}`);
    return receipt;
  }
}

/** Thrown (and rolled back, returning the number) when the source was issued a receipt meanwhile. */
export class ReceiptAlreadyIssued extends Error {
  constructor(readonly receipt: Receipt) {
    super(`Receipt ${receipt.number} was already issued for ${receipt.sourceType} ${receipt.sourceId}`);
  }
}

function checkedReason(reason: string): string {
  const why = (reason ?? '').trim();
  if (why.length < 1 || why.length > 500) throw ReceiptsError.reasonRequired();
  return why;
}

function duesDraft(d: PaidInvoiceDetails, replaces: Receipt | null, locale: 'ja' | 'en'): ReceiptDraft {
  return {
    bookId: d.bookId,
    kind: ReceiptKind.DUES,
    sourceType: INVOICE_SOURCE,
    sourceId: d.invoiceId,
    memberId: d.memberId,
    branchId: d.branchId,
    recipientName: d.member.name,
    recipientPostalCode: d.member.postalCode,
    recipientAddress: d.member.address,
    recipientEmail: d.member.email,
    recipientIsMember: true,
    locale,
    amount: d.amount,
    currency: d.currency,
    purpose: `${d.fiscalYear}年度 会費 (${d.periodStart}〜${d.periodEnd}, 請求番号 ${d.invoiceNumber})`,
    office: d.bookNameJa,
    receivedOn: d.paidOn!,
    lines: [],
    replacesId: replaces?.id ?? null,
    replacesNumber: replaces?.number ?? null,
  };
}
