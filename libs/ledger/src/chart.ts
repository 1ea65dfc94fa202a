/**
 * The standard chart of accounts every book gets (codes stable across books).
 * Names in Japanese and English. Admins may add accounts beyond these.
 */
export const AccountCode = {
  Cash: '1100',
  Bank: '1200',
  StripeClearing: '1300',
  /** Stripe money held back by an open dispute (charge.dispute.created → closed). */
  StripeDisputes: '1350',
  DuesReceivable: '1400',
  DueFromOtherBooks: '1500',
  MemberCredit: '2100',
  DueToOtherBooks: '2200',
  GrantsPayable: '2300',
  NetAssets: '3100',
  DuesIncome: '4100',
  DonationIncomeUnrestricted: '4200',
  DonationIncomeRestricted: '4300',
  GrantExpense: '5100',
  PaymentFees: '5200',
} as const;
export type AccountCode = (typeof AccountCode)[keyof typeof AccountCode];

export enum AccountType {
  ASSET = 'ASSET',
  LIABILITY = 'LIABILITY',
  EQUITY = 'EQUITY',
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}

export interface ChartAccount {
  code: AccountCode;
  type: AccountType;
  nameJa: string;
  nameEn: string;
}

/** The accounts `BookService.openBook` creates in every book. */
export const STANDARD_CHART: readonly ChartAccount[] = [
  { code: AccountCode.Cash, type: AccountType.ASSET, nameJa: '現金', nameEn: 'Cash' },
  { code: AccountCode.Bank, type: AccountType.ASSET, nameJa: '普通預金', nameEn: 'Bank account' },
  { code: AccountCode.StripeClearing, type: AccountType.ASSET, nameJa: 'Stripe 未入金', nameEn: 'Stripe clearing' },
  { code: AccountCode.StripeDisputes, type: AccountType.ASSET, nameJa: 'Stripe 係争中', nameEn: 'Stripe disputes' },
  { code: AccountCode.DuesReceivable, type: AccountType.ASSET, nameJa: '未収会費', nameEn: 'Dues receivable' },
  { code: AccountCode.DueFromOtherBooks, type: AccountType.ASSET, nameJa: '他会計未収金', nameEn: 'Due from other books' },
  { code: AccountCode.MemberCredit, type: AccountType.LIABILITY, nameJa: '前受会費・会員預り金', nameEn: 'Member credit' },
  { code: AccountCode.DueToOtherBooks, type: AccountType.LIABILITY, nameJa: '他会計未払金', nameEn: 'Due to other books' },
  { code: AccountCode.GrantsPayable, type: AccountType.LIABILITY, nameJa: '未払助成金', nameEn: 'Grants payable' },
  { code: AccountCode.NetAssets, type: AccountType.EQUITY, nameJa: '正味財産', nameEn: 'Net assets' },
  { code: AccountCode.DuesIncome, type: AccountType.INCOME, nameJa: '会費収入', nameEn: 'Dues income' },
  { code: AccountCode.DonationIncomeUnrestricted, type: AccountType.INCOME, nameJa: '一般寄附金収入', nameEn: 'Donation income (unrestricted)' },
  { code: AccountCode.DonationIncomeRestricted, type: AccountType.INCOME, nameJa: '指定寄附金収入', nameEn: 'Donation income (restricted)' },
  { code: AccountCode.GrantExpense, type: AccountType.EXPENSE, nameJa: '助成金支出', nameEn: 'Grant expense' },
  { code: AccountCode.PaymentFees, type: AccountType.EXPENSE, nameJa: '支払手数料', nameEn: 'Payment fees' },
];

/** Lines on these accounts name the other book (settlement clears them pairwise). */
export const COUNTERPARTY_ACCOUNTS: ReadonlySet<string> = new Set([AccountCode.DueFromOtherBooks, AccountCode.DueToOtherBooks]);

/** Lines on these accounts name the restricted fund. */
export const FUND_ACCOUNTS: ReadonlySet<string> = new Set([AccountCode.DonationIncomeRestricted]);

/** Debit-normal accounts: assets and expenses. Their balance is shown debit-positive, the others credit-positive. */
export function isDebitNormal(type: AccountType): boolean {
  return type === AccountType.ASSET || type === AccountType.EXPENSE;
}
