import { AppError } from '#core';

/** The dues library's errors: a stable `reason` each, text in Japanese and English. */
export const DuesError = {
  planNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'DUES_PLAN_NOT_FOUND', { ja: `会費プランが見つかりません (${id})`, en: `Dues plan not found (${id})` }),
  planCodeTaken: (code: string) =>
    AppError.badInput('input.code', { ja: `プランコード ${code} は既に使われています`, en: `Plan code ${code} is already in use` }, 'DUES_PLAN_CODE_TAKEN'),
  planInactive: (code: string) =>
    new AppError('CONFLICT', 'DUES_PLAN_INACTIVE', { ja: `会費プラン ${code} は新規加入を受け付けていません`, en: `Dues plan ${code} accepts no new members` }),
  planMemberTypeMismatch: (field: string) =>
    AppError.badInput(field, { ja: '会員の種別(個人/団体)とプランが合いません', en: "The plan is not for this member's type (individual / organization)" }, 'DUES_PLAN_MEMBER_TYPE_MISMATCH'),
  planSizeTierMismatch: (field: string, planTier: string, memberTier: string | null) =>
    AppError.badInput(
      field,
      {
        ja: `このプランは規模区分 ${planTier} の団体会員向けです (この会員は ${memberTier ?? '区分なし'})`,
        en: `This plan is for organizations of size tier ${planTier} (this member is ${memberTier ?? 'untiered'})`,
      },
      'DUES_PLAN_SIZE_TIER_MISMATCH',
    ),
  memberNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'MEMBER_NOT_FOUND', { ja: `会員が見つかりません (${id})`, en: `Member not found (${id})` }),
  membershipNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'MEMBERSHIP_NOT_FOUND', { ja: `会員資格が見つかりません (${id})`, en: `Membership not found (${id})` }),
  alreadyMember: () =>
    AppError.conflict('ALREADY_A_MEMBER', {
      ja: 'この会員は既に加入しています (同じ期間に二重に加入できません)',
      en: 'This member already holds a membership (cannot join twice for the same period)',
    }),
  alreadyInvoiced: (periodStart: string) =>
    AppError.conflict('ALREADY_INVOICED_FOR_PERIOD', {
      ja: `この会員資格には ${periodStart} からの期間の請求書が既にあります`,
      en: `This membership already has an invoice for the period starting ${periodStart}`,
    }),
  membershipEnded: (status: string) =>
    AppError.conflict('MEMBERSHIP_ENDED', { ja: `この会員資格は終了しています (${status})`, en: `This membership has ended (${status})` }),
  transitionNotAllowed: (from: string, event: string) =>
    AppError.conflict('MEMBERSHIP_TRANSITION_NOT_ALLOWED', {
      ja: `会員資格の状態 ${from} では ${event} を行えません`,
      en: `A membership in status ${from} cannot take ${event}`,
    }),
  invoiceNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'INVOICE_NOT_FOUND', { ja: `請求書が見つかりません (${id})`, en: `Invoice not found (${id})` }),
  invoiceAlreadyPaid: (number: string) =>
    AppError.conflict('INVOICE_ALREADY_PAID', { ja: `請求書 ${number} は支払済みです`, en: `Invoice ${number} is already paid` }),
  invoicePartiallyPaid: (number: string) =>
    AppError.conflict('INVOICE_PARTIALLY_PAID', {
      ja: `請求書 ${number} には入金があるため取り消せません。先に入金を取り消してください`,
      en: `Invoice ${number} has payments applied and cannot be voided; void the payments first`,
    }),
  invoiceVoid: (number: string) =>
    AppError.conflict('INVOICE_VOID', { ja: `請求書 ${number} は取り消されています`, en: `Invoice ${number} is void` }),
  paymentExceedsOutstanding: (number: string, outstanding: bigint) =>
    AppError.conflict('PAYMENT_EXCEEDS_OUTSTANDING', {
      ja: `請求書 ${number} の未収額 (${outstanding}) を超える入金は充当できません`,
      en: `Cannot apply more than the ${outstanding} outstanding on invoice ${number}`,
    }),
  unapplyExceedsPaid: (number: string, paid: bigint) =>
    AppError.conflict('UNAPPLY_EXCEEDS_PAID', {
      ja: `請求書 ${number} の入金額 (${paid}) を超えて取り消せません`,
      en: `Cannot unapply more than the ${paid} paid on invoice ${number}`,
    }),
  amountNotPositive: (field: string) =>
    AppError.badInput(field, { ja: '金額は正の整数で指定してください', en: `${field} must be a positive whole amount` }),
};
