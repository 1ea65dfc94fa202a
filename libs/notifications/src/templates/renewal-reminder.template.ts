import { DUES_TAX_NOTE_TEXT } from '#core';
import { body, type EmailTemplate } from './email-template.js';

/** Which reminder: 30 and 7 days before the period ends, on the day, before grace ends. */
export type RenewalReminderKind = 'DAYS_30' | 'DAYS_7' | 'DAY_OF' | 'GRACE_ENDING';

export interface RenewalReminderParams {
  recipientName: string;
  kind: RenewalReminderKind;
  /** The last day of the period being renewed (YYYY-MM-DD). */
  endsOn: string;
  /** The last day of grace after it. */
  graceEnd: string;
  invoiceNumber: string;
  /** Formatted (￥6,000). */
  amount: string;
  dueOn: string;
  planNameJa: string;
  planNameEn: string;
}

const JA_LEAD: Record<RenewalReminderKind, (p: RenewalReminderParams) => string> = {
  DAYS_30: (p) => `会員資格の期間が ${p.endsOn} に終了します (あと30日)。更新の会費をお支払いください。`,
  DAYS_7: (p) => `会員資格の期間が ${p.endsOn} に終了します (あと7日)。更新の会費がまだお支払いいただけていません。`,
  DAY_OF: (p) => `会員資格の期間は本日 ${p.endsOn} に終了します。${p.graceEnd} までにお支払いいただければ、会員資格はそのまま続きます。`,
  GRACE_ENDING: (p) => `更新の会費が未納のため、会員資格は猶予期間中です。猶予期間は ${p.graceEnd} に終わり、その翌日に会員資格が失効します。`,
};

const EN_LEAD: Record<RenewalReminderKind, (p: RenewalReminderParams) => string> = {
  DAYS_30: (p) => `Your membership period ends on ${p.endsOn} (in 30 days). Please pay the renewal dues.`,
  DAYS_7: (p) => `Your membership period ends on ${p.endsOn} (in 7 days), and the renewal dues are still unpaid.`,
  DAY_OF: (p) => `Your membership period ends today, ${p.endsOn}. Pay by ${p.graceEnd} and your membership continues without a break.`,
  GRACE_ENDING: (p) => `Your renewal dues are unpaid and your membership is in its grace period, which ends on ${p.graceEnd}; the membership lapses the day after.`,
};

const JA_SUBJECT: Record<RenewalReminderKind, string> = {
  DAYS_30: '会費更新のお知らせ',
  DAYS_7: '会費更新のお知らせ (あと7日)',
  DAY_OF: '本日で会員資格の期間が終了します',
  GRACE_ENDING: '猶予期間がまもなく終了します',
};

const EN_SUBJECT: Record<RenewalReminderKind, string> = {
  DAYS_30: 'Your membership renewal',
  DAYS_7: 'Your membership renewal: 7 days left',
  DAY_OF: 'Your membership period ends today',
  GRACE_ENDING: 'Your grace period ends soon',
};

/** 会費更新のお知らせ: one of the four renewal reminders, with the invoice to pay and the dues' tax notice (不課税). */
export const renewalReminder: EmailTemplate<RenewalReminderParams> = {
  ja: (p) => ({
    subject: `【連帯】${JA_SUBJECT[p.kind]} (${p.invoiceNumber})`,
    text: body(
      'ja',
      `${p.recipientName} 様`,
      JA_LEAD[p.kind](p),
      [`請求書番号: ${p.invoiceNumber}`, `プラン: ${p.planNameJa}`, `金額: ${p.amount}`, `お支払い期限: ${p.dueOn}`].join('\n'),
      'お支払いは会員ポータルから (カード・コンビニ)、または銀行振込でお願いします。既にお支払いの場合は行き違いですので、ご容赦ください。',
      DUES_TAX_NOTE_TEXT.ja,
    ),
  }),
  en: (p) => ({
    subject: `[Rentai] ${EN_SUBJECT[p.kind]} (${p.invoiceNumber})`,
    text: body(
      'en',
      `Dear ${p.recipientName},`,
      EN_LEAD[p.kind](p),
      [`Invoice: ${p.invoiceNumber}`, `Plan: ${p.planNameEn}`, `Amount: ${p.amount}`, `Due: ${p.dueOn}`].join('\n'),
      'You can pay in the member portal (card or konbini) or by bank transfer. If you have already paid, please disregard this message.',
      `${DUES_TAX_NOTE_TEXT.en}.`,
    ),
  }),
};
