import { body, type EmailTemplate } from './email-template.js';

export interface MonthlyGiftDeclinedParams {
  donorName: string;
  fundName: string;
  /** Formatted (¥3,000). */
  amount: string;
  /** YYYY-MM */
  period: string;
  /** The day it is tried again (YYYY-MM-DD); null when no retry is left and the gift is paused. */
  nextRetryOn: string | null;
  /** Where the donor changes the card or resumes (the portal). */
  manageUrl: string;
}

export interface MonthlyGiftActionParams {
  donorName: string;
  fundName: string;
  amount: string;
  period: string;
  /** The page where the donor confirms the payment with their bank (3-D Secure). */
  confirmUrl: string;
}

export interface DonationFailureSpikeParams {
  failures: number;
  minutes: number;
  windowStart: string;
}

/** 毎月の寄附の決済失敗: the card was declined; the retry date, or that the gift is paused. */
export const monthlyGiftDeclined: EmailTemplate<MonthlyGiftDeclinedParams> = {
  ja: (p) => ({
    subject: p.nextRetryOn ? `【連帯】毎月のご寄附の決済ができませんでした (${p.period})` : `【連帯】毎月のご寄附を一時停止しました (${p.period})`,
    text: body(
      'ja',
      `${p.donorName} 様`,
      `「${p.fundName}」への毎月のご寄附 ${p.amount} (${p.period}分) のカード決済ができませんでした。`,
      p.nextRetryOn
        ? `${p.nextRetryOn} にもう一度決済を試みます。カードを変更される場合は次のページからお手続きください。\n${p.manageUrl}`
        : `再度の決済もできなかったため、毎月のご寄附を一時停止しました。カードをご確認のうえ、次のページから再開できます。\n${p.manageUrl}`,
    ),
  }),
  en: (p) => ({
    subject: p.nextRetryOn ? `[Rentai] Your monthly gift could not be charged (${p.period})` : `[Rentai] Your monthly gift is paused (${p.period})`,
    text: body(
      'en',
      `Dear ${p.donorName},`,
      `Your card was declined for your monthly gift of ${p.amount} to "${p.fundName}" (${p.period}).`,
      p.nextRetryOn
        ? `We will try again on ${p.nextRetryOn}. To use another card, visit:\n${p.manageUrl}`
        : `The retries were declined too, so your monthly gift is paused. Check your card, then resume it here:\n${p.manageUrl}`,
    ),
  }),
};

/** 毎月の寄附の本人認証: the bank asks the cardholder to confirm the payment. */
export const monthlyGiftRequiresAction: EmailTemplate<MonthlyGiftActionParams> = {
  ja: (p) => ({
    subject: `【連帯】毎月のご寄附の決済確認をお願いします (${p.period})`,
    text: body(
      'ja',
      `${p.donorName} 様`,
      `「${p.fundName}」への毎月のご寄附 ${p.amount} (${p.period}分) について、カード会社が本人確認を求めています。`,
      `次のページで決済を確認してください。\n${p.confirmUrl}`,
    ),
  }),
  en: (p) => ({
    subject: `[Rentai] Please confirm your monthly gift (${p.period})`,
    text: body('en', `Dear ${p.donorName},`, `Your bank asks you to confirm your monthly gift of ${p.amount} to "${p.fundName}" (${p.period}).`, `Confirm it here:\n${p.confirmUrl}`),
  }),
};

/** 寄附決済の失敗急増: possible card testing on the guest donation form (to federation admins). */
export const donationFailureSpike: EmailTemplate<DonationFailureSpikeParams> = {
  ja: (p) => ({
    subject: '【連帯】ゲスト寄附の決済失敗が急増しています',
    text: body('ja', `${p.windowStart} からの ${p.minutes} 分間に、ゲストによる寄附の決済失敗が ${p.failures} 件に達しました。`, 'カードの不正利用テストの可能性があります。Stripe のダッシュボードをご確認ください。'),
  }),
  en: (p) => ({
    subject: '[Rentai] Failed guest donation payments are spiking',
    text: body('en', `${p.failures} guest donation payments failed within ${p.minutes} minutes from ${p.windowStart}.`, 'This may be card testing. Please check the Stripe dashboard.'),
  }),
};
