import { AccountCode, type PostingLine } from '#ledger';

export interface FundAccount {
  code: string;
  restricted: boolean;
}

/** The income line of a fund: restricted funds in 指定寄附金収入 (4300) under their own fund code, others in 4200. */
export function incomeLine(fund: FundAccount, side: 'DEBIT' | 'CREDIT', amount: bigint): PostingLine {
  return fund.restricted
    ? { accountCode: AccountCode.DonationIncomeRestricted, side, amount, fundCode: fund.code }
    : { accountCode: AccountCode.DonationIncomeUnrestricted, side, amount, fundCode: fund.code };
}

/** Money in through Stripe: Dr Stripe clearing (net), Dr fees, Cr the fund's income (gross). */
export function onlineDonationLines(fund: FundAccount, amount: bigint, fee: bigint): PostingLine[] {
  if (fee < 0n || fee >= amount) throw new Error(`fee ${fee} must be at least 0 and less than ${amount}`);
  return [
    { accountCode: AccountCode.StripeClearing, side: 'DEBIT', amount: amount - fee },
    ...(fee > 0n ? [{ accountCode: AccountCode.PaymentFees, side: 'DEBIT' as const, amount: fee }] : []),
    incomeLine(fund, 'CREDIT', amount),
  ];
}

/** Cash or a bank transfer a treasurer records: Dr cash / bank, Cr the fund's income. */
export function recordedDonationLines(fund: FundAccount, amount: bigint, method: 'CASH' | 'BANK_TRANSFER'): PostingLine[] {
  return [{ accountCode: method === 'CASH' ? AccountCode.Cash : AccountCode.Bank, side: 'DEBIT', amount }, incomeLine(fund, 'CREDIT', amount)];
}

/**
 * The refunded part of an online donation: Dr the fund's income, Cr Stripe clearing (Stripe keeps its fee).
 * A lost dispute is the same from the disputes account (1350), where its amount was held.
 */
export function refundLines(fund: FundAccount, refunded: bigint, from: string = AccountCode.StripeClearing): PostingLine[] {
  return [incomeLine(fund, 'DEBIT', refunded), { accountCode: from, side: 'CREDIT', amount: refunded }];
}

/** A dispute opened: its amount moves from Stripe clearing to the disputes account (1350); won, it moves back. */
export function disputeHoldLines(amount: bigint, step: 'open' | 'won'): PostingLine[] {
  const [debit, credit] = step === 'open' ? [AccountCode.StripeDisputes, AccountCode.StripeClearing] : [AccountCode.StripeClearing, AccountCode.StripeDisputes];
  return [
    { accountCode: debit, side: 'DEBIT', amount },
    { accountCode: credit, side: 'CREDIT', amount },
  ];
}

/** After refunds totalling `refunded` of `amount`: what the donation is now. */
export function refundedStatus(amount: bigint, refunded: bigint): 'SUCCEEDED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' {
  if (refunded <= 0n) return 'SUCCEEDED';
  return refunded >= amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

/** Guest e-mails are one donor whatever their case and spaces. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
