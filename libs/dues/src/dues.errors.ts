import { ACCESS_REASONS } from '#access';
import { errorCatalogue } from '#core';
import { FEDERATION_REASONS } from '#federation';
import { MEMBERS_REASONS } from '#members';

/**
 * The dues library's reasons: the stable `reason` each (the key), its category and its Japanese and
 * English text. Services raise them through DuesError below, never with text of their own.
 */
export const DUES_REASONS = errorCatalogue({
  BOOK_NOT_FOUND: { code: 'BAD_USER_INPUT', ja: (bookId: string) => `帳簿が見つかりません (${bookId})`, en: (bookId: string) => `No book with id ${bookId}` },
  RECOGNITION_BOOK_NOT_BRANCH: {
    code: 'BAD_USER_INPUT',
    ja: '計上基準は支部の帳簿ごとに設定します (本部の帳簿は各支部の帳簿に従います)',
    en: "The policy is set per branch book (the federation book's entries follow each branch book)",
  },
  LEAD_DAYS_OUT_OF_RANGE: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '更新請求の日数は0〜365の整数にしてください', en: 'leadDays must be a whole number from 0 to 365' },
  DUES_PLAN_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `会費プランが見つかりません (${id})`, en: (id: string) => `Dues plan not found (${id})` },
  DUES_PLAN_CODE_TAKEN: { code: 'BAD_USER_INPUT', ja: (code: string) => `プランコード ${code} は既に使われています`, en: (code: string) => `Plan code ${code} is already in use` },
  DUES_PLAN_INACTIVE: { code: 'CONFLICT', ja: (code: string) => `会費プラン ${code} は新規加入を受け付けていません`, en: (code: string) => `Dues plan ${code} accepts no new members` },
  DUES_PLAN_MEMBER_TYPE_MISMATCH: { code: 'BAD_USER_INPUT', ja: '会員の種別(個人/団体)とプランが合いません', en: "The plan is not for this member's type (individual / organization)" },
  DUES_PLAN_SIZE_TIER_MISMATCH: {
    code: 'BAD_USER_INPUT',
    ja: (planTier: string, memberTier: string | null) => `このプランは規模区分 ${planTier} の団体会員向けです (この会員は ${memberTier ?? '区分なし'})`,
    en: (planTier: string, memberTier: string | null) => `This plan is for organizations of size tier ${planTier} (this member is ${memberTier ?? 'untiered'})`,
  },
  DUES_PLAN_SIZE_TIER_NOT_FOR_INDIVIDUALS: { code: 'BAD_USER_INPUT', ja: '規模区分は団体会員のプランにだけ指定できます', en: 'sizeTier applies to organization plans only' },
  DUES_PLAN_INVALID_RULE: { code: 'BAD_USER_INPUT', ja: (ja: string, _en: string) => ja, en: (_ja: string, en: string) => en },
  MEMBERSHIP_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `会員資格が見つかりません (${id})`, en: (id: string) => `Membership not found (${id})` },
  ALREADY_A_MEMBER: {
    code: 'CONFLICT',
    ja: 'この会員は既に加入しています (同じ期間に二重に加入できません)',
    en: 'This member already holds a membership (cannot join twice for the same period)',
  },
  ALREADY_INVOICED_FOR_PERIOD: {
    code: 'CONFLICT',
    ja: (periodStart: string) => `この会員資格には ${periodStart} からの期間の請求書が既にあります`,
    en: (periodStart: string) => `This membership already has an invoice for the period starting ${periodStart}`,
  },
  MEMBERSHIP_ENDED: { code: 'CONFLICT', ja: (status: string) => `この会員資格は終了しています (${status})`, en: (status: string) => `This membership has ended (${status})` },
  MEMBERSHIP_TRANSITION_NOT_ALLOWED: {
    code: 'CONFLICT',
    ja: (from: string, event: string) => `会員資格の状態 ${from} では ${event} を行えません`,
    en: (from: string, event: string) => `A membership in status ${from} cannot take ${event}`,
  },
  JOIN_DATE_OUT_OF_RANGE: { code: 'BAD_USER_INPUT', ja: '加入日は今日から1年以内の日付にしてください', en: 'joinedOn must be within a year of today' },
  JOIN_DATE_IN_FUTURE: { code: 'BAD_USER_INPUT', ja: '加入日に未来の日付は指定できません', en: 'joinedOn must not be in the future' },
  NOT_THE_NEXT_PERIOD: {
    code: 'BAD_USER_INPUT',
    ja: (next: string, given: string) => `次の期間は ${next} からです (${given} ではありません)`,
    en: (next: string, given: string) => `The next period starts on ${next}, not ${given}`,
  },
  ENROLMENT_STATUS_NOT_ALLOWED: { code: 'BAD_USER_INPUT', ja: '移行できる状態は ACTIVE, LAPSED, CANCELLED です', en: 'status must be ACTIVE, LAPSED or CANCELLED' },
  ENROLMENT_DATES_INVALID: { code: 'BAD_USER_INPUT', ja: '日付が正しくありません (YYYY-MM-DD, 期間の開始 ≤ 終了)', en: 'Dates must be YYYY-MM-DD with periodStart ≤ periodEnd' },
  MEMBER_LISTED_TWICE: { code: 'BAD_USER_INPUT', ja: '同じ会員が二度含まれています', en: 'The same member appears twice' },
  STARTS_WHOLE_FEDERATION_ADMIN_ONLY: {
    code: 'FORBIDDEN',
    ja: '連合会全体の会員資格の開始処理は連合会管理者のみ実行できます (支部の職員は支部を指定してください)',
    en: 'Only a federation admin may start the memberships of the whole federation (branch staff name their branch)',
  },
  FISCAL_YEAR_OUT_OF_RANGE: { code: 'BAD_USER_INPUT', ja: '年度は2000〜2100の整数で指定してください', en: 'fiscalYear must be a year from 2000 to 2100' },
  ISSUE_DATE_INVALID: { code: 'BAD_USER_INPUT', ja: '発行日は今日以前の日付 (YYYY-MM-DD) にしてください', en: 'issuedOn must be a date (YYYY-MM-DD) not after today' },
  DATE_INVALID: { code: 'BAD_USER_INPUT', ja: (_field: string) => '日付の形式が正しくありません (YYYY-MM-DD)', en: (field: string) => `${field} must be a date (YYYY-MM-DD)` },
  INVOICE_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `請求書が見つかりません (${id})`, en: (id: string) => `Invoice not found (${id})` },
  /** One shape wherever an invoice is found paid (settlement, voiding, a payment's allocation): CONFLICT, naming the field when there is one. */
  INVOICE_ALREADY_PAID: {
    code: 'CONFLICT',
    ja: (number: string, creditAllowed: boolean) => `請求書 ${number} は支払済みです${creditAllowed ? '。前受金（クレジット）とする場合は allowCredit を指定してください' : ''}`,
    en: (number: string, creditAllowed: boolean) => `Invoice ${number} is already paid${creditAllowed ? '; set allowCredit to keep the payment as member credit' : ''}`,
  },
  INVOICE_PARTIALLY_PAID: {
    code: 'CONFLICT',
    ja: (number: string) => `請求書 ${number} には入金があるため取り消せません。先に入金を取り消してください`,
    en: (number: string) => `Invoice ${number} has payments applied and cannot be voided; void the payments first`,
  },
  INVOICE_VOID: { code: 'CONFLICT', ja: (number: string) => `請求書 ${number} は取り消されています`, en: (number: string) => `Invoice ${number} is void` },
  INVOICE_LISTED_TWICE: { code: 'BAD_USER_INPUT', ja: '同じ請求書が二度含まれています', en: 'The same invoice appears twice' },
  /** One invoice (its number and what it still owes), or a batch whose one statement found some invoice refusing (null). */
  PAYMENT_EXCEEDS_OUTSTANDING: {
    code: 'CONFLICT',
    ja: (invoice: { number: string; outstanding: bigint } | null) =>
      invoice ? `請求書 ${invoice.number} の未収額 (${invoice.outstanding}) を超える入金は充当できません` : '支払済み・取消済みの請求書、または未収額を超える入金が含まれています',
    en: (invoice: { number: string; outstanding: bigint } | null) =>
      invoice ? `Cannot apply more than the ${invoice.outstanding} outstanding on invoice ${invoice.number}` : 'Some invoices are paid or void, or a payment exceeds what is outstanding',
  },
  UNAPPLY_EXCEEDS_PAID: {
    code: 'CONFLICT',
    ja: (number: string, paid: bigint) => `請求書 ${number} の入金額 (${paid}) を超えて取り消せません`,
    en: (number: string, paid: bigint) => `Cannot unapply more than the ${paid} paid on invoice ${number}`,
  },
  AMOUNT_NOT_POSITIVE: { code: 'BAD_USER_INPUT', ja: (_field: string) => '金額は正の整数で指定してください', en: (field: string) => `${field} must be a positive whole amount` },
});

const R = DUES_REASONS;

/** The dues library's errors, by use. */
export const DuesError = {
  planNotFound: (id: string) => R.DUES_PLAN_NOT_FOUND.error(id),
  startsNeedAdmin: () => R.STARTS_WHOLE_FEDERATION_ADMIN_ONLY.error(),
  /** A plan id given in an input that names none. */
  planNotFoundAt: (field: string, id: string) => R.DUES_PLAN_NOT_FOUND.input(field, id),
  planCodeTaken: (code: string) => R.DUES_PLAN_CODE_TAKEN.at('input.code', code),
  planInactive: (code: string) => R.DUES_PLAN_INACTIVE.error(code),
  planMemberKindMismatch: (field: string) => R.DUES_PLAN_MEMBER_TYPE_MISMATCH.at(field),
  planSizeTierMismatch: (field: string, planTier: string, memberTier: string | null) => R.DUES_PLAN_SIZE_TIER_MISMATCH.at(field, planTier, memberTier),
  planSizeTierNotForPersons: () => R.DUES_PLAN_SIZE_TIER_NOT_FOR_INDIVIDUALS.at('input.sizeTier'),
  /** The allocation rule's own words (allocation.ts) on the field it names. */
  planInvalidRule: (field: string, text: { ja: string; en: string }) => R.DUES_PLAN_INVALID_RULE.at(field, text.ja, text.en),
  /** The members library's MEMBER_NOT_FOUND (one definition). */
  memberNotFound: (id: string) => MEMBERS_REASONS.MEMBER_NOT_FOUND.error(id),
  memberNotFoundAt: (field: string, id: string) => MEMBERS_REASONS.MEMBER_NOT_FOUND.input(field, id),
  membershipNotFound: (id: string) => R.MEMBERSHIP_NOT_FOUND.error(id),
  alreadyMember: () => R.ALREADY_A_MEMBER.error(),
  alreadyInvoiced: (periodStart: string) => R.ALREADY_INVOICED_FOR_PERIOD.error(periodStart),
  membershipEnded: (status: string) => R.MEMBERSHIP_ENDED.error(status),
  transitionNotAllowed: (from: string, event: string) => R.MEMBERSHIP_TRANSITION_NOT_ALLOWED.error(from, event),
  joinDateOutOfRange: () => R.JOIN_DATE_OUT_OF_RANGE.at('input.joinedOn'),
  joinDateInFuture: () => R.JOIN_DATE_IN_FUTURE.at('input.joinedOn'),
  notTheNextPeriod: (next: string, given: string) => R.NOT_THE_NEXT_PERIOD.at('periodStart', next, given),
  enrolmentStatusNotAllowed: (field: string) => R.ENROLMENT_STATUS_NOT_ALLOWED.at(field),
  enrolmentDatesInvalid: (field: string) => R.ENROLMENT_DATES_INVALID.at(field),
  memberListedTwice: (field: string) => R.MEMBER_LISTED_TWICE.at(field),
  /** The access library's BRANCH_NOT_IN_SCOPE (one definition): the member is another branch's. */
  branchNotInScope: () => ACCESS_REASONS.BRANCH_NOT_IN_SCOPE.error(),
  /** The federation library's BRANCH_NOT_FOUND (one definition), as a refused input. */
  branchNotFound: (field: string, id: string) => FEDERATION_REASONS.BRANCH_NOT_FOUND.input(field, id),
  /** A report row's branch is not in the directory (the foreign key makes it impossible): the federation's BRANCH_NOT_FOUND. */
  unknownBranch: (id: string) => FEDERATION_REASONS.BRANCH_NOT_FOUND.error(id),
  fiscalYearOutOfRange: () => R.FISCAL_YEAR_OUT_OF_RANGE.at('fiscalYear'),
  issueDateInvalid: () => R.ISSUE_DATE_INVALID.at('issuedOn'),
  dateInvalid: (field: string) => R.DATE_INVALID.at(field, field),
  invoiceNotFound: (id: string) => R.INVOICE_NOT_FOUND.error(id),
  /** An invoice id or number given in an input that names none. */
  invoiceNotFoundAt: (field: string, idOrNumber: string) => R.INVOICE_NOT_FOUND.input(field, idOrNumber),
  invoiceAlreadyPaid: (number: string) => R.INVOICE_ALREADY_PAID.error(number, false),
  /** A payment's allocation named a paid invoice (`input.allocations.0.invoiceId`): it could be kept as member credit instead. */
  invoiceAlreadyPaidAt: (field: string, number: string) => R.INVOICE_ALREADY_PAID.at(field, number, true),
  invoicePartiallyPaid: (number: string) => R.INVOICE_PARTIALLY_PAID.error(number),
  invoiceVoid: (number: string) => R.INVOICE_VOID.error(number),
  invoiceListedTwice: () => R.INVOICE_LISTED_TWICE.at('items'),
  paymentExceedsOutstanding: (number: string, outstanding: bigint) => R.PAYMENT_EXCEEDS_OUTSTANDING.error({ number, outstanding }),
  batchExceedsOutstanding: () => R.PAYMENT_EXCEEDS_OUTSTANDING.error(null),
  unapplyExceedsPaid: (number: string, paid: bigint) => R.UNAPPLY_EXCEEDS_PAID.error(number, paid),
  bookNotFound: (bookId: string) => R.BOOK_NOT_FOUND.at('bookId', bookId),
  recognitionBookNotBranch: () => R.RECOGNITION_BOOK_NOT_BRANCH.at('bookId'),
  leadDaysOutOfRange: () => R.LEAD_DAYS_OUT_OF_RANGE.at('leadDays'),
  amountNotPositive: (field: string) => R.AMOUNT_NOT_POSITIVE.at(field, field),
};
