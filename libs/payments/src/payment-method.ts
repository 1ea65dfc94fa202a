import { AccountCode } from '#ledger';

/** How the money came in. Every channel is recorded by the same PaymentRecording service. */
export enum PaymentMethod {
  Cash = 'CASH',
  BankTransfer = 'BANK_TRANSFER',
  Card = 'CARD',
  Konbini = 'KONBINI',
  BankStatement = 'BANK_STATEMENT',
}

export const PAYMENT_METHODS = Object.values(PaymentMethod);

/** The asset account the money lands in: cash box, bank, or Stripe clearing until the payout. */
export function receivingAccount(method: PaymentMethod): AccountCode {
  switch (method) {
    case PaymentMethod.Cash:
      return AccountCode.Cash;
    case PaymentMethod.BankTransfer:
    case PaymentMethod.BankStatement:
      return AccountCode.Bank;
    case PaymentMethod.Card:
    case PaymentMethod.Konbini:
      return AccountCode.StripeClearing;
  }
}

/** Bilingual labels, for CSV and messages. */
export const METHOD_LABELS: Record<PaymentMethod, { ja: string; en: string }> = {
  [PaymentMethod.Cash]: { ja: '現金', en: 'Cash' },
  [PaymentMethod.BankTransfer]: { ja: '銀行振込', en: 'Bank transfer' },
  [PaymentMethod.Card]: { ja: 'クレジットカード', en: 'Card' },
  [PaymentMethod.Konbini]: { ja: 'コンビニ払い', en: 'Konbini' },
  [PaymentMethod.BankStatement]: { ja: '入金明細照合', en: 'Bank statement' },
};
