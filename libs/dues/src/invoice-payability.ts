import { InvoiceStatus, UNPAID_INVOICE_STATUSES } from './dues-enums.js';
import type { Invoice } from './invoice.entity.js';

/**
 * Who pays the invoices: the member, the branch whose book takes the money, its currency.
 * `branchId` omitted: the branch that issued the first invoice named that is the member's (one payment,
 * one book). `currency` omitted: that of the first invoice named that is the member's, of that branch and
 * still owing. `acceptPaid`: a paid invoice owes 0 instead of being refused (the payer keeps its share as
 * member credit).
 */
export interface InvoicePayer {
  memberId: string;
  branchId?: string;
  currency?: string;
  acceptPaid?: boolean;
}

/** Why an invoice takes no payment from this payer. */
export type PaymentRefusal = 'NOT_FOUND' | 'ANOTHER_MEMBER' | 'ANOTHER_BRANCH' | 'ANOTHER_CURRENCY' | 'VOID' | 'ALREADY_PAID';

/** One invoice named, as the payer sees it: what it still owes, or why it is refused (`invoice` null only for NOT_FOUND). */
export type InvoiceForPayment = PayableInvoice | RefusedInvoice;
export interface PayableInvoice { invoiceId: string; invoice: Invoice; outstanding: bigint; refusal: null }
export interface RefusedInvoice { invoiceId: string; invoice: Invoice | null; outstanding: 0n; refusal: PaymentRefusal }

export interface InvoicesForPayment {
  /** The payer's branch and currency (as given, or as the invoices said; null when none said). */
  branchId: string | null;
  currency: string | null;
  /** In the order of the ids given (an id given twice appears twice). */
  invoices: InvoiceForPayment[];
  /** The invoices that exist, by id (any verdict). */
  byId: ReadonlyMap<string, Invoice>;
}

/** What is still owed on the invoice (0 for a void one). */
export function outstandingOf(invoice: Pick<Invoice, 'status' | 'amount' | 'paidAmount'>): bigint {
  return invoice.status === InvoiceStatus.VOID ? 0n : invoice.amount - invoice.paidAmount;
}

/**
 * The rules a payment meets on the invoices it names, once for every payer (a payment, a bulk item,
 * a use of member credit). Pure: `invoices` are the rows as the caller's transaction holds them
 * (locked, or the running state of a bulk call). Checked in this order: unknown, another member's,
 * another branch's, another currency, void, paid. More than owed is the allocation's to refuse:
 * `outstanding` is its limit.
 */
export function invoicesForPayment(payer: InvoicePayer, invoiceIds: readonly string[], invoices: ReadonlyMap<string, Invoice>): InvoicesForPayment {
  const named = invoiceIds.map((id) => invoices.get(id));
  const own = named.filter((i): i is Invoice => i !== undefined && i.memberId === payer.memberId);
  const branchId = payer.branchId ?? own[0]?.branchId ?? null;
  const currency = payer.currency ?? own.find((i) => i.branchId === branchId && UNPAID_INVOICE_STATUSES.includes(i.status))?.currency.trim() ?? null;
  const refused = (invoiceId: string, invoice: Invoice | null, refusal: PaymentRefusal): InvoiceForPayment => ({ invoiceId, invoice, outstanding: 0n, refusal });
  const verdicts = invoiceIds.map((invoiceId, index): InvoiceForPayment => {
    const invoice = named[index];
    if (!invoice) return refused(invoiceId, null, 'NOT_FOUND');
    if (invoice.memberId !== payer.memberId) return refused(invoiceId, invoice, 'ANOTHER_MEMBER');
    // Its receivable is in that branch's book: one payment, one book.
    if (invoice.branchId !== branchId) return refused(invoiceId, invoice, 'ANOTHER_BRANCH');
    if (invoice.currency.trim() !== currency) return refused(invoiceId, invoice, 'ANOTHER_CURRENCY');
    if (invoice.status === InvoiceStatus.VOID) return refused(invoiceId, invoice, 'VOID');
    if (invoice.status === InvoiceStatus.PAID && !payer.acceptPaid) return refused(invoiceId, invoice, 'ALREADY_PAID');
    return { invoiceId, invoice, outstanding: outstandingOf(invoice), refusal: null };
  });
  return { branchId, currency, invoices: verdicts, byId: invoices };
}
