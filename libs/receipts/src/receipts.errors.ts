import { AppError } from '#core';

/** The receipts library's errors: a stable `reason` each, text in Japanese and English. */
export const ReceiptsError = {
  notFound: (id: string) => new AppError('NOT_FOUND', 'RECEIPT_NOT_FOUND', { ja: `領収書が見つかりません (${id})`, en: `Receipt not found (${id})` }),
  alreadyVoid: (number: string) =>
    AppError.conflict('RECEIPT_ALREADY_VOID', { ja: `領収書 ${number} は既に無効です`, en: `Receipt ${number} is already void` }),
  sourceNotPaid: (number: string) =>
    AppError.conflict('RECEIPT_SOURCE_NOT_PAID', { ja: `領収書 ${number} の請求は支払済みではないため再発行できません`, en: `Receipt ${number} cannot be reissued: what it was for is no longer paid` }),
  noEmail: (number: string) =>
    AppError.conflict('RECEIPT_NO_EMAIL', { ja: `領収書 ${number} の宛先にメールアドレスがありません`, en: `Receipt ${number} has no e-mail address to send to` }),
  replacedAlready: (number: string, by: string) =>
    AppError.conflict('RECEIPT_ALREADY_REPLACED', { ja: `領収書 ${number} は ${by} に差し替え済みです。${by} を再発行してください`, en: `Receipt ${number} was replaced by ${by}: reissue ${by} instead` }),
  giftNotRecorded: (donationId: string) => new Error(`The gift ${donationId} is not recorded yet (its donation.succeeded has not been delivered): retried later`),
  reasonRequired: () => AppError.badInput('reason', { ja: '理由を入力してください (1〜500文字)', en: 'Give a reason (1 to 500 characters)' }, 'RECEIPT_REASON_REQUIRED'),
};
