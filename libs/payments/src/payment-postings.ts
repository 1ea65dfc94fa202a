import { AccountCode, type JournalPosting, type PostingLine } from '#ledger';
import { federationPartOfReceipt, RecognitionPolicy, type Invoice } from '#dues';
import { receivingAccount, type PaymentMethod } from './payment-method.js';

/**
 * The part of money applied to ON_RECEIPT invoices, recognised now: the branch's income and the
 * federation's share (owed to the federation book). What is applied to ACCRUAL invoices clears 未収会費 instead.
 */
export interface DuesReceipt {
  income: bigint;
  federation: bigint;
  federationBookId: string;
}

/**
 * Splits what was applied to invoices (each invoice as it is after applying) into the receipt of
 * ON_RECEIPT invoices (branch income / federation share, cumulative rounding: federationPartOfReceipt).
 * Pure.
 */
export function duesReceiptOf(
  applied: readonly { invoice: Pick<Invoice, 'recognition' | 'amount' | 'federationShare' | 'paidAmount'>; amount: bigint }[],
  federationBookId: string,
): DuesReceipt {
  let income = 0n;
  let federation = 0n;
  for (const { invoice, amount } of applied) {
    if (invoice.recognition === RecognitionPolicy.ACCRUAL) continue;
    const part = federationPartOfReceipt(invoice, invoice.paidAmount - amount, amount);
    federation += part;
    income += amount - part;
  }
  return { income, federation, federationBookId };
}

/** The dues lines of money applied: Cr 未収会費 for the accrued part, Cr 会費収入 / Cr 他会計未払金 for the receipt. */
function duesLines(allocated: bigint, receipt: DuesReceipt | null | undefined): PostingLine[] {
  const income = receipt?.income ?? 0n;
  const federation = receipt?.federation ?? 0n;
  const accrued = allocated - income - federation;
  if (accrued < 0n) throw new Error('the receipt exceeds the allocated amount');
  const lines: PostingLine[] = [];
  if (accrued > 0n) lines.push({ accountCode: AccountCode.DuesReceivable, side: 'CREDIT', amount: accrued });
  if (income > 0n) lines.push({ accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount: income });
  if (federation > 0n) lines.push({ accountCode: AccountCode.DueToOtherBooks, side: 'CREDIT', amount: federation, counterpartyBookId: receipt!.federationBookId });
  return lines;
}

/**
 * The federation book's mirror of a receipt's federation share (null when it has none):
 * Dr 他会計未収金 (counterparty: the collecting branch's book) / Cr 会費収入.
 */
export function federationReceiptPosting(p: {
  sourceId: string;
  idempotencyKey: string;
  branchBookId: string;
  entryDate: string;
  currency: string;
  receipt: DuesReceipt | null | undefined;
  memo: string;
}): JournalPosting | null {
  const amount = p.receipt?.federation ?? 0n;
  if (amount === 0n) return null;
  return {
    bookId: p.receipt!.federationBookId,
    entryDate: p.entryDate,
    source: 'PAYMENT',
    sourceId: p.sourceId,
    idempotencyKey: p.idempotencyKey,
    memo: p.memo,
    currency: p.currency,
    lines: [
      { accountCode: AccountCode.DueFromOtherBooks, side: 'DEBIT', amount, counterpartyBookId: p.branchBookId },
      { accountCode: AccountCode.DuesIncome, side: 'CREDIT', amount },
    ],
  };
}

export const federationPaymentKey = (paymentId: string) => `payment:${paymentId}:federation`;
export const federationCreditKey = (allocationId: string) => `payment-credit:${allocationId}:federation`;

/**
 * The journal entries payments make, as plain data. Pure.
 *
 * A payment, in the book of the branch that received it:
 *   Dr cash / bank / Stripe clearing   amount
 *   Cr dues receivable                 allocated part of ACCRUAL invoices
 *   Cr dues income / Cr due to other books   allocated part of ON_RECEIPT invoices (branch / federation share)
 *   Cr member credit                   unallocated part
 * and its fee, if any:
 *   Dr payment fees                    fee
 *   Cr the same cash account           fee
 */
export function paymentPosting(p: {
  paymentId: string;
  bookId: string;
  receivedOn: string;
  method: PaymentMethod;
  currency: string;
  amount: bigint;
  fee: bigint;
  allocated: bigint;
  credit: bigint;
  /** The part of `allocated` recognised now (ON_RECEIPT invoices). */
  receipt?: DuesReceipt | null;
  memo: string;
}): JournalPosting {
  if (p.allocated + p.credit !== p.amount) throw new Error('allocated + credit must equal the payment amount');
  const cash = receivingAccount(p.method);
  const lines: PostingLine[] = [{ accountCode: cash, side: 'DEBIT', amount: p.amount }, ...duesLines(p.allocated, p.receipt)];
  if (p.credit > 0n) lines.push({ accountCode: AccountCode.MemberCredit, side: 'CREDIT', amount: p.credit });
  if (p.fee > 0n) {
    lines.push({ accountCode: AccountCode.PaymentFees, side: 'DEBIT', amount: p.fee, memo: 'fee' });
    lines.push({ accountCode: cash, side: 'CREDIT', amount: p.fee, memo: 'fee' });
  }
  return {
    bookId: p.bookId,
    entryDate: p.receivedOn,
    source: 'PAYMENT',
    sourceId: p.paymentId,
    idempotencyKey: `payment:${p.paymentId}`,
    memo: p.memo,
    currency: p.currency,
    lines,
  };
}

/** Member credit used for an invoice: Dr member credit / Cr dues receivable (ACCRUAL) or Cr dues income / due to other books (ON_RECEIPT). */
export function creditApplicationPosting(p: {
  allocationId: string;
  paymentId: string;
  bookId: string;
  appliedOn: string;
  currency: string;
  amount: bigint;
  receipt?: DuesReceipt | null;
  memo: string;
}): JournalPosting {
  return {
    bookId: p.bookId,
    entryDate: p.appliedOn,
    source: 'PAYMENT',
    sourceId: p.paymentId,
    idempotencyKey: `payment-credit:${p.allocationId}`,
    memo: p.memo,
    currency: p.currency,
    lines: [{ accountCode: AccountCode.MemberCredit, side: 'DEBIT', amount: p.amount }, ...duesLines(p.amount, p.receipt)],
  };
}

/** Which way the money of a settlement goes. */
export enum SettlementDirection {
  /** The branch pays the federation its share (the usual case). */
  BRANCH_TO_FEDERATION = 'BRANCH_TO_FEDERATION',
  /** The federation pays the branch (e.g. dues it collected online for the branch). */
  FEDERATION_TO_BRANCH = 'FEDERATION_TO_BRANCH',
}

/**
 * A settlement transfer clears the pair in both books:
 *   branch pays:      branch book Dr due to federation / Cr bank;  federation book Dr bank / Cr due from branch
 *   federation pays:  federation book Dr due to branch / Cr bank;  branch book Dr bank / Cr due from federation
 */
export function settlementPostings(s: {
  settlementId: string;
  direction: SettlementDirection;
  branchBookId: string;
  federationBookId: string;
  settledOn: string;
  currency: string;
  amount: bigint;
  memo: string;
}): { branch: JournalPosting; federation: JournalPosting } {
  const payer = s.direction === SettlementDirection.BRANCH_TO_FEDERATION ? 'branch' : 'federation';
  const entry = (side: 'branch' | 'federation'): JournalPosting => {
    const bookId = side === 'branch' ? s.branchBookId : s.federationBookId;
    const other = side === 'branch' ? s.federationBookId : s.branchBookId;
    const lines: PostingLine[] =
      side === payer
        ? [
            { accountCode: AccountCode.DueToOtherBooks, side: 'DEBIT', amount: s.amount, counterpartyBookId: other },
            { accountCode: AccountCode.Bank, side: 'CREDIT', amount: s.amount },
          ]
        : [
            { accountCode: AccountCode.Bank, side: 'DEBIT', amount: s.amount },
            { accountCode: AccountCode.DueFromOtherBooks, side: 'CREDIT', amount: s.amount, counterpartyBookId: other },
          ];
    return {
      bookId,
      entryDate: s.settledOn,
      source: 'SETTLEMENT',
      sourceId: s.settlementId,
      idempotencyKey: `settlement:${s.settlementId}:${side}`,
      memo: s.memo,
      currency: s.currency,
      lines,
    };
  };
  return { branch: entry('branch'), federation: entry('federation') };
}
