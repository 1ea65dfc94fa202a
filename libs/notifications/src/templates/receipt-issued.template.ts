import { body, type EmailTemplate } from './email-template.js';

export interface ReceiptIssuedParams {
  recipientName: string;
  /** R2026-000042 */
  receiptNumber: string;
  /** 領収書 / 寄附金受領証明書 */
  title: string;
  titleEn: string;
  /** Formatted (￥3,000). */
  amount: string;
  purpose: string;
}

/** 領収書の送付: the receipt's PDF is attached. */
export const receiptIssued: EmailTemplate<ReceiptIssuedParams> = {
  ja: (p) => ({
    subject: `【連帯】${p.title}の送付 (${p.receiptNumber})`,
    text: body(
      'ja',
      `${p.recipientName} 様`,
      `お支払いいただいた ${p.amount} (${p.purpose}) の${p.title}を PDF でお送りします。添付ファイルをご確認ください。`,
      `番号: ${p.receiptNumber}`,
      'この PDF は電子的に交付するもので、収入印紙は不要です。会員ポータルからもいつでもダウンロードできます。',
    ),
  }),
  en: (p) => ({
    subject: `[Rentai] Your ${p.titleEn.toLowerCase()} (${p.receiptNumber})`,
    text: body(
      'en',
      `Dear ${p.recipientName},`,
      `Please find attached, as a PDF, the ${p.titleEn.toLowerCase()} for your payment of ${p.amount} (${p.purpose}).`,
      `Number: ${p.receiptNumber}`,
      'You can also download it at any time from the member portal.',
    ),
  }),
};
