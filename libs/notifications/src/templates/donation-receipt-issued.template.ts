import { body, type EmailTemplate } from './email-template.js';

export interface DonationReceiptIssuedParams {
  recipientName: string;
  /** D2026-000042 / A2025-000007 */
  receiptNumber: string;
  /** Formatted (￥3,000). */
  amount: string;
  /** What the gift was for: the fund's name in the recipient's language. */
  fund: string;
  /** An annual receipt's calendar year and number of gifts; null for one gift's receipt. */
  annual: { year: number; gifts: number } | null;
  /** The receipt replaces an earlier one (a refund or a correction). */
  replacesNumber: string | null;
}

/** 寄附金受領証明書の送付 (one gift, or a year's gifts): the PDF is attached. */
export const donationReceiptIssued: EmailTemplate<DonationReceiptIssuedParams> = {
  ja: (p) => ({
    subject: p.annual ? `【連帯】${p.annual.year}年分 寄附金受領証明書の送付 (${p.receiptNumber})` : `【連帯】寄附金受領証明書の送付 (${p.receiptNumber})`,
    text: body(
      'ja',
      `${p.recipientName} 様`,
      'このたびはご寄附をいただき、誠にありがとうございます。',
      p.annual
        ? `${p.annual.year}年 (1月〜12月) にいただいたご寄附 ${p.annual.gifts}件、合計 ${p.amount} の寄附金受領証明書を PDF でお送りします。`
        : `いただいたご寄附 ${p.amount} (${p.fund}) の寄附金受領証明書を PDF でお送りします。`,
      `番号: ${p.receiptNumber}${p.replacesNumber ? ` (${p.replacesNumber} に代わるものです。以前の証明書は無効となりました)` : ''}`,
      '確定申告の際は、この証明書をご利用ください。電子的に交付するもので、収入印紙は不要です。',
    ),
  }),
  en: (p) => ({
    subject: p.annual ? `[Rentai] Your ${p.annual.year} donation receipt (${p.receiptNumber})` : `[Rentai] Your donation receipt (${p.receiptNumber})`,
    text: body(
      'en',
      `Dear ${p.recipientName},`,
      'Thank you very much for your gift.',
      p.annual
        ? `Please find attached, as a PDF, the receipt for your ${p.annual.gifts} gifts in ${p.annual.year} (January to December), ${p.amount} in all.`
        : `Please find attached, as a PDF, the receipt for your gift of ${p.amount} (${p.fund}).`,
      `Number: ${p.receiptNumber}${p.replacesNumber ? ` (it replaces ${p.replacesNumber}, which is now void)` : ''}`,
      'Keep it for your tax return (kakutei shinkoku).',
    ),
  }),
};
