import { AccountCode } from '#ledger';

/** How the money came in. Every channel is recorded by the same PaymentRecording service. */
export enum PaymentMethod {
  CASH = 'CASH',
  BANK_TRANSFER = 'BANK_TRANSFER',
  CARD = 'CARD',
  KONBINI = 'KONBINI',
  BANK_STATEMENT = 'BANK_STATEMENT',
}

export const PAYMENT_METHODS = Object.values(PaymentMethod);

/** The asset account the money lands in: cash box, bank, or Stripe clearing until the payout. */
export function receivingAccount(method: PaymentMethod): AccountCode {
  switch (method) {
    case PaymentMethod.CASH:
      return AccountCode.Cash;
    case PaymentMethod.BANK_TRANSFER:
    case PaymentMethod.BANK_STATEMENT:
      return AccountCode.Bank;
    case PaymentMethod.CARD:
    case PaymentMethod.KONBINI:
      return AccountCode.StripeClearing;
  }
}

/** Bilingual labels, for CSV and messages. */
export const METHOD_LABELS: Record<PaymentMethod, { ja: string; en: string }> = {
  [PaymentMethod.CASH]: { ja: '現金', en: 'Cash' },
  [PaymentMethod.BANK_TRANSFER]: { ja: '銀行振込', en: 'Bank transfer' },
  [PaymentMethod.CARD]: { ja: 'クレジットカード', en: 'Card' },
  [PaymentMethod.KONBINI]: { ja: 'コンビニ払い', en: 'Konbini' },
  [PaymentMethod.BANK_STATEMENT]: { ja: '入金明細照合', en: 'Bank statement' },
};
