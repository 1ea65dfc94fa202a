import { errorCatalogue } from '#core';

/** The receipts library's reasons: stable `reason` (the key), category, Japanese and English text. */
export const RECEIPTS_REASONS = errorCatalogue({
  RECEIPT_FISCAL_YEAR_OUT_OF_RANGE: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '年度は 2000〜2100 の整数で指定してください', en: 'The fiscal year is a whole number from 2000 to 2100' },
  RECEIPT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `領収書が見つかりません (${id})`, en: (id: string) => `Receipt not found (${id})` },
  RECEIPT_ALREADY_VOID: { code: 'CONFLICT', ja: (number: string) => `領収書 ${number} は既に無効です`, en: (number: string) => `Receipt ${number} is already void` },
  RECEIPT_SOURCE_NOT_PAID: {
    code: 'CONFLICT',
    ja: (number: string) => `領収書 ${number} の請求は支払済みではないため再発行できません`,
    en: (number: string) => `Receipt ${number} cannot be reissued: what it was for is no longer paid`,
  },
  RECEIPT_NO_EMAIL: { code: 'CONFLICT', ja: (number: string) => `領収書 ${number} の宛先にメールアドレスがありません`, en: (number: string) => `Receipt ${number} has no e-mail address to send to` },
  RECEIPT_ALREADY_REPLACED: {
    code: 'CONFLICT',
    ja: (number: string, by: string) => `領収書 ${number} は ${by} に差し替え済みです。${by} を再発行してください`,
    en: (number: string, by: string) => `Receipt ${number} was replaced by ${by}: reissue ${by} instead`,
  },
  ANNUAL_RUN_FEDERATION_ADMIN_ONLY: {
    code: 'FORBIDDEN',
    ja: '年間の寄附金受領証明書の発行は連合会管理者のみ実行できます',
    en: 'Only a federation admin may run the annual donation receipts',
  },
  RECEIPT_REASON_REQUIRED: { code: 'BAD_USER_INPUT', ja: '理由を入力してください (1〜500文字)', en: 'Give a reason (1 to 500 characters)' },
});

const R = RECEIPTS_REASONS;

/** The receipts library's errors, by use. */
export const ReceiptsError = {
  notFound: (id: string) => R.RECEIPT_NOT_FOUND.error(id),
  alreadyVoid: (number: string) => R.RECEIPT_ALREADY_VOID.error(number),
  annualRunNeedsAdmin: () => R.ANNUAL_RUN_FEDERATION_ADMIN_ONLY.error(),
  sourceNotPaid: (number: string) => R.RECEIPT_SOURCE_NOT_PAID.error(number),
  noEmail: (number: string) => R.RECEIPT_NO_EMAIL.error(number),
  replacedAlready: (number: string, by: string) => R.RECEIPT_ALREADY_REPLACED.error(number, by),
  /** Not user-facing: the listener's job retries until the gift's donation.succeeded has been delivered. */
  giftNotRecorded: (donationId: string) => new Error(`The gift ${donationId} is not recorded yet (its donation.succeeded has not been delivered): retried later`),
  reasonRequired: () => R.RECEIPT_REASON_REQUIRED.at('reason'),
  fiscalYearOutOfRange: () => R.RECEIPT_FISCAL_YEAR_OUT_OF_RANGE.at('fiscalYear'),
};
