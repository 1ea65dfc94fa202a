import { AccountCode, type JournalPosting, type PostingLine } from '#ledger';
import { receivingAccount, type PaymentMethod } from './payment-method.js';

/**
 * The journal entries payments make, as plain data. Pure.
 *
 * A payment, in the book of the branch that received it:
 *   Dr cash / bank / Stripe clearing   amount
 *   Cr dues receivable                 allocated part
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
  memo: string;
}): JournalPosting {
  if (p.allocated + p.credit !== p.amount) throw new Error('allocated + credit must equal the payment amount');
  const cash = receivingAccount(p.method);
  const lines: PostingLine[] = [{ accountCode: cash, side: 'DEBIT', amount: p.amount }];
  if (p.allocated > 0n) lines.push({ accountCode: AccountCode.DuesReceivable, side: 'CREDIT', amount: p.allocated });
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

/** Member credit used for an invoice: Dr member credit / Cr dues receivable. */
export function creditApplicationPosting(p: {
  allocationId: string;
  paymentId: string;
  bookId: string;
  appliedOn: string;
  currency: string;
  amount: bigint;
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
    lines: [
      { accountCode: AccountCode.MemberCredit, side: 'DEBIT', amount: p.amount },
      { accountCode: AccountCode.DuesReceivable, side: 'CREDIT', amount: p.amount },
    ],
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
