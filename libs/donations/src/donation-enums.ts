import { registerEnumType } from '@nestjs/graphql';

export enum ReceiptPreference {
  /** 寄附金受領証明書 for each gift. */
  PER_GIFT = 'PER_GIFT',
  /** One receipt a year for all gifts (年間まとめ). */
  ANNUAL = 'ANNUAL',
  NONE = 'NONE',
}

export enum DonationStatus {
  /** Checkout open: nothing paid yet. */
  PENDING = 'PENDING',
  /** A konbini voucher was issued; the donor has not paid yet. */
  AWAITING_KONBINI = 'AWAITING_KONBINI',
  SUCCEEDED = 'SUCCEEDED',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  /** A dispute (chargeback) of its charge is open: the amount sits in the disputes account (1350). */
  DISPUTED = 'DISPUTED',
  EXPIRED = 'EXPIRED',
  FAILED = 'FAILED',
}

/** A dispute of a donation's charge: open, or how it closed. */
export enum DonationDisputeStatus {
  /** The amount sits in the disputes account until the dispute closes. */
  OPEN = 'OPEN',
  /** Closed in our favour: the amount went back to Stripe clearing. */
  WON = 'WON',
  /** Closed against us: the fund's income reversed like a refund. */
  LOST = 'LOST',
}

export enum DonationMethod {
  CARD = 'CARD',
  KONBINI = 'KONBINI',
  CASH = 'CASH',
  BANK_TRANSFER = 'BANK_TRANSFER',
}

export enum DonationChannel {
  ONLINE = 'ONLINE',
  RECORDED = 'RECORDED',
  MONTHLY = 'MONTHLY',
}

export enum MonthlyGiftStatus {
  /** Created; the donor has not completed the first Checkout (which saves the card). */
  PENDING_SETUP = 'PENDING_SETUP',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  CANCELLED = 'CANCELLED',
}

export enum FundBookKind {
  FEDERATION = 'FEDERATION',
  FOUNDATION = 'FOUNDATION',
  BRANCH = 'BRANCH',
}

export type DonationLanguage = 'ja' | 'en';

registerEnumType(ReceiptPreference, { name: 'ReceiptPreference', description: 'Receipt per gift, once a year, or none' });
registerEnumType(DonationStatus, { name: 'DonationStatus' });
registerEnumType(DonationDisputeStatus, { name: 'DonationDisputeStatus', description: 'OPEN (amount held in the disputes account), WON, LOST (income reversed like a refund)' });
registerEnumType(DonationMethod, { name: 'DonationMethod' });
registerEnumType(DonationChannel, { name: 'DonationChannel' });
registerEnumType(MonthlyGiftStatus, { name: 'MonthlyGiftStatus' });
registerEnumType(FundBookKind, { name: 'FundBookKind', description: 'Which book receives a fund' });
