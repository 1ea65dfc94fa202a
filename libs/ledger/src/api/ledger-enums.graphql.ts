import { registerEnumType } from '@nestjs/graphql';

export enum SideEnum {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}

export enum JournalSourceEnum {
  INVOICE = 'INVOICE',
  PAYMENT = 'PAYMENT',
  DONATION = 'DONATION',
  GRANT = 'GRANT',
  SETTLEMENT = 'SETTLEMENT',
  MANUAL = 'MANUAL',
  REFUND = 'REFUND',
  FEE = 'FEE',
  /** A bank line posted by reconciliation: not dues (interest, a fee, a refund) or a Stripe payout. */
  RECONCILIATION = 'RECONCILIATION',
}

/** GraphQL names the values of an enum by its keys: these mirror BookKind, AccountType and PeriodStatus with keys equal to values. */
export enum BookKindEnum {
  FEDERATION = 'FEDERATION',
  BRANCH = 'BRANCH',
  FOUNDATION = 'FOUNDATION',
}

export enum AccountTypeEnum {
  ASSET = 'ASSET',
  LIABILITY = 'LIABILITY',
  EQUITY = 'EQUITY',
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}

export enum PeriodStatusEnum {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

registerEnumType(BookKindEnum, { name: 'BookKind', description: 'FEDERATION, BRANCH (one per branch) or FOUNDATION' });
registerEnumType(AccountTypeEnum, { name: 'AccountType' });
registerEnumType(PeriodStatusEnum, { name: 'PeriodStatus' });
registerEnumType(SideEnum, { name: 'Side', description: '借方 DEBIT / 貸方 CREDIT' });
registerEnumType(JournalSourceEnum, { name: 'JournalSource', description: 'What business event an entry records' });

