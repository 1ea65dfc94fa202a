import { DUES_TAX_NOTE_TEXT } from '#core';
import { body, type EmailTemplate } from './email-template.js';

export interface AutoRenewDeclinedParams {
  recipientName: string;
  invoiceNumber: string;
  /** Formatted (￥6,000). */
  amount: string;
  /** 1 on the due date, then 2, 3, 4 (days 1, 3 and 7 after it). */
  attempt: number;
  /** When the card is tried again (YYYY-MM-DD), null after the last attempt. */
  nextAttemptOn: string | null;
  /** Where to pay by other means (a Checkout page, card or konbini). */
  payUrl: string;
}

export interface AutoRenewActionRequiredParams {
  recipientName: string;
  invoiceNumber: string;
  amount: string;
  /** The Checkout page where the payer confirms the payment with their card issuer (3-D Secure). */
  payUrl: string;
}

/** 自動更新のカード決済ができませんでした: the card was declined; when it is tried again, or that it will not be. */
export const autoRenewDeclined: EmailTemplate<AutoRenewDeclinedParams> = {
  ja: (p) => ({
    subject: `【連帯】会費の自動更新のお支払いができませんでした (${p.invoiceNumber})`,
    text: body(
      'ja',
      `${p.recipientName} 様`,
      `ご登録のカードで会費 ${p.amount} (請求書 ${p.invoiceNumber}) をお支払いできませんでした (${p.attempt} 回目)。`,
      p.nextAttemptOn
        ? `${p.nextAttemptOn} に同じカードで再度お支払いを試みます。カードの利用枠などをご確認ください。`
        : 'カードでの自動のお支払いはこれで終了します。お手数ですが、下記のページからお支払いください。',
      `今すぐお支払いいただく場合 (カード・コンビニ): ${p.payUrl}`,
      DUES_TAX_NOTE_TEXT.ja,
    ),
  }),
  en: (p) => ({
    subject: `[Rentai] Your dues renewal payment did not go through (${p.invoiceNumber})`,
    text: body(
      'en',
      `Dear ${p.recipientName},`,
      `We could not charge your saved card for your dues of ${p.amount} (invoice ${p.invoiceNumber}), attempt ${p.attempt}.`,
      p.nextAttemptOn
        ? `We will try the same card again on ${p.nextAttemptOn}. Please check your card's limit.`
        : 'We will not try your card again automatically. Please pay on the page below.',
      `To pay now (card or konbini): ${p.payUrl}`,
      `${DUES_TAX_NOTE_TEXT.en}.`,
    ),
  }),
};

/** カード会社の本人認証が必要です: the payer must confirm the payment themself. */
export const autoRenewActionRequired: EmailTemplate<AutoRenewActionRequiredParams> = {
  ja: (p) => ({
    subject: `【連帯】会費のお支払いに本人認証が必要です (${p.invoiceNumber})`,
    text: body(
      'ja',
      `${p.recipientName} 様`,
      `会費 ${p.amount} (請求書 ${p.invoiceNumber}) の自動更新のお支払いに、カード会社の本人認証 (3Dセキュア) が必要です。`,
      `下記のページでお支払いを完了してください: ${p.payUrl}`,
      DUES_TAX_NOTE_TEXT.ja,
    ),
  }),
  en: (p) => ({
    subject: `[Rentai] Please confirm your dues payment (${p.invoiceNumber})`,
    text: body(
      'en',
      `Dear ${p.recipientName},`,
      `Your card issuer asks you to confirm the renewal payment of your dues of ${p.amount} (invoice ${p.invoiceNumber}) yourself (3-D Secure).`,
      `Please complete the payment here: ${p.payUrl}`,
      `${DUES_TAX_NOTE_TEXT.en}.`,
    ),
  }),
};
