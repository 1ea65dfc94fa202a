/**
 * The standard chart of accounts every book gets (codes stable across books).
 * Names in Japanese and English. Admins may add accounts beyond these.
 */
export const AccountCode = {
  Cash: '1100',
  Bank: '1200',
  StripeClearing: '1300',
  DuesReceivable: '1400',
  DueFromOtherBooks: '1500',
  MemberCredit: '2100',
  DueToOtherBooks: '2200',
  GrantsPayable: '2300',
  DuesIncome: '4100',
  DonationIncomeUnrestricted: '4200',
  DonationIncomeRestricted: '4300',
  GrantExpense: '5100',
  PaymentFees: '5200',
} as const;
export type AccountCode = (typeof AccountCode)[keyof typeof AccountCode];
