import { AppError, Money, type LocalizedText, errorCatalogue } from '#core';
import type { GrantAction, GrantApplicationStatus } from './application-status.js';
import type { LimitProblem } from './budget.js';
import type { KanaProblem } from './zengin/half-width-kana.js';

const yen = (amount: bigint): LocalizedText => ({ ja: Money.of(amount).format('ja'), en: Money.of(amount).format('en') });

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const GRANTS_REASONS = errorCatalogue({
  GRANT_PROGRAM_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `助成プログラムが見つかりません (${id})`, en: (id: string) => `Grant program not found (${id})` },
  GRANT_APPLICATION_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `助成申請が見つかりません (${id})`, en: (id: string) => `Grant application not found (${id})` },
  GRANT_DOCUMENT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `書類が見つかりません (${id})`, en: (id: string) => `Document not found (${id})` },
  GRANT_DISBURSEMENT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `支払が見つかりません (${id})`, en: (id: string) => `Disbursement not found (${id})` },
  GRANT_BATCH_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `振込バッチが見つかりません (${id})`, en: (id: string) => `Payment batch not found (${id})` },
  GRANT_PAYEE_MISSING: { code: 'CONFLICT', ja: '振込先が登録されていません。先に振込先を登録してください', en: 'No payee is registered; register the payee first' },
  GRANT_PROGRAM_CODE_TAKEN: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `プログラムコード ${code} は既に使われています`,
    en: (code: string) => `Program code ${code} is already in use`,
  },
  GRANT_PROGRAM_DATES: { code: 'BAD_USER_INPUT', ja: '締切日は受付開始日以降にしてください', en: 'closesOn must not be before opensOn' },
  GRANT_PROGRAM_OUTSIDE_FISCAL_YEAR: {
    code: 'BAD_USER_INPUT',
    ja: (year: number) => `日付は ${year}年度 (${year}年4月〜${year + 1}年3月) の中にしてください`,
    en: (year: number) => `The date must be within fiscal year ${year} (April ${year} – March ${year + 1})`,
  },
  /** `perPerson`: the per-person limit is below the per-award one; else a limit exceeds the total budget. */
  GRANT_PROGRAM_LIMITS: {
    code: 'BAD_USER_INPUT',
    ja: (perPerson: boolean) => (perPerson ? '1人あたりの上限は1件あたりの上限以上にしてください' : '上限額は予算総額以下にしてください'),
    en: (perPerson: boolean) => (perPerson ? 'maxPerPerson must not be less than maxPerAward' : 'A limit must not exceed the total budget'),
  },
  GRANT_ZENGIN_LIMIT: {
    code: 'BAD_USER_INPUT',
    ja: (max: bigint) => `全銀ファイルで扱える上限 ${yen(max).ja} を超えています`,
    en: (max: bigint) => `More than the ${yen(max).en} a Zengin transfer file can hold`,
  },
  GRANT_BUDGET_BELOW_AWARDED: {
    code: 'BAD_USER_INPUT',
    ja: (awarded: bigint) => `予算総額は既に決定済みの ${yen(awarded).ja} を下回れません`,
    en: (awarded: bigint) => `The budget cannot be less than the ${yen(awarded).en} already awarded`,
  },
  GRANT_PROGRAM_CLOSED: { code: 'BAD_USER_INPUT', ja: 'このプログラムは現在申請を受け付けていません', en: 'This program is not open for applications now' },
  GRANT_COURSE_DATES: { code: 'BAD_USER_INPUT', ja: '講座の終了日は開始日以降にしてください', en: 'The course must not end before it starts' },
  GRANT_DUPLICATE_CATEGORY: { code: 'BAD_USER_INPUT', ja: '同じ費目が二度指定されています', en: 'The same category is listed twice' },
  GRANT_APPLICANT_REQUIRED: {
    code: 'BAD_USER_INPUT',
    ja: '会員以外の申請者は氏名・フリガナ・メールアドレスが必要です',
    en: 'An applicant who is not a member needs a name, its kana and an e-mail address',
  },
  GRANT_UNKNOWN_REFERENCE: { code: 'BAD_USER_INPUT', ja: (id: string) => `指定された ID は存在しません (${id})`, en: (id: string) => `Nothing has this id (${id})` },
  GRANT_KANA_NAME: { code: 'BAD_USER_INPUT', ja: 'フリガナは全角カタカナで入力してください', en: 'The kana name must be written in full-width katakana' },
  GRANT_APPLICATION_NOT_EDITABLE: {
    code: 'CONFLICT',
    ja: (status: string) => `状態 ${status} の申請は変更できません`,
    en: (status: string) => `An application in status ${status} cannot be changed`,
  },
  GRANT_DOCUMENTS_MISSING: {
    code: 'BAD_USER_INPUT',
    ja: (kinds: string[]) => `必要書類が添付されていません: ${kinds.join(', ')}`,
    en: (kinds: string[]) => `Required documents are missing: ${kinds.join(', ')}`,
  },
  GRANT_CATEGORY_NOT_IN_PROGRAM: {
    code: 'BAD_USER_INPUT',
    ja: (category: string) => `費目 ${category} はこのプログラムの対象外です`,
    en: (category: string) => `Category ${category} is not funded by this program`,
  },
  GRANT_AMOUNT_NOT_POSITIVE: { code: 'BAD_USER_INPUT', ja: '金額は正の整数で入力してください', en: 'Amounts must be positive whole numbers' },
  GRANT_CATEGORY_NOT_REQUESTED: {
    code: 'BAD_USER_INPUT',
    ja: (category: string) => `費目 ${category} は申請されていません`,
    en: (category: string) => `Category ${category} was not requested`,
  },
  GRANT_EXCEEDS_REQUESTED: {
    code: 'BAD_USER_INPUT',
    ja: (category: string, requested: bigint) => `費目 ${category} の決定額が申請額 ${yen(requested).ja} を超えています`,
    en: (category: string, requested: bigint) => `The amount for ${category} exceeds the ${yen(requested).en} requested`,
  },
  GRANT_EXCEEDS_PER_AWARD: {
    code: 'BAD_USER_INPUT',
    ja: (max: bigint) => `1件あたりの上限 ${yen(max).ja} を超えています`,
    en: (max: bigint) => `The award exceeds the ${yen(max).en} limit per award`,
  },
  GRANT_EXCEEDS_PER_PERSON: {
    code: 'BAD_USER_INPUT',
    ja: (max: bigint, already: bigint) => `1人あたり年度上限 ${yen(max).ja} を超えます (既に ${yen(already).ja})`,
    en: (max: bigint, already: bigint) => `The award exceeds the ${yen(max).en} limit per person and year (${yen(already).en} already awarded)`,
  },
  GRANT_EXCEEDS_BUDGET: {
    code: 'BAD_USER_INPUT',
    ja: (remaining: bigint) => `予算残額 ${yen(remaining).ja} を超えています`,
    en: (remaining: bigint) => `The award exceeds the ${yen(remaining).en} left in the budget`,
  },
  GRANT_WRONG_STATUS: {
    code: 'CONFLICT',
    ja: (status: GrantApplicationStatus, action: string) => `状態 ${status} の申請には ${action} を行えません`,
    en: (status: GrantApplicationStatus, action: string) => `An application in status ${status} cannot take ${action}`,
  },
  GRANT_WRONG_ROLE: {
    code: 'FORBIDDEN',
    ja: (action: string) => `${action} を行う権限がありません`,
    en: (action: string) => `Your role may not ${action} an application`,
  },
  /** Batches and their files: the same role lists as the resolvers' @Allow, checked again by the service (the CLI has no decorator). */
  GRANT_BATCH_ROLE: {
    code: 'FORBIDDEN',
    ja: (roles: readonly string[]) => `この操作には次のいずれかの権限が必要です: ${roles.join('、')}`,
    en: (roles: readonly string[]) => `This needs one of these roles: ${roles.join(', ')}`,
  },
  GRANT_NOT_OWN_APPLICATION: { code: 'FORBIDDEN', ja: 'ご自身の申請ではありません', en: 'This is not your application' },
  GRANT_CONFLICT_OF_INTEREST: { code: 'FORBIDDEN', ja: '自分が申請・代理入力・審査した申請は決裁できません', en: 'You cannot decide an application you made, entered or reviewed' },
  GRANT_SAME_APPROVER: { code: 'FORBIDDEN', ja: '2人目の決裁は1人目と別の決裁者が行ってください', en: 'The second approval must come from a different approver' },
  GRANT_SECOND_APPROVAL_DIFFERS: {
    code: 'BAD_USER_INPUT',
    ja: '2人目の決裁額は1人目と同じにしてください (異なる場合は差し戻してください)',
    en: 'The second approval must approve the same amounts as the first (request changes otherwise)',
  },
  GRANT_NOT_REVIEWED: { code: 'CONFLICT', ja: '担当者の審査がまだです', en: 'An officer has not reviewed the application yet' },
  GRANT_COMMENT_REQUIRED: { code: 'BAD_USER_INPUT', ja: 'コメントを入力してください', en: 'A comment is required' },
  GRANT_DOCUMENT_TYPE: { code: 'BAD_USER_INPUT', ja: 'PDF・JPEG・PNG のファイルだけ添付できます', en: 'Only PDF, JPEG and PNG files are accepted' },
  GRANT_DOCUMENT_SIZE: {
    code: 'BAD_USER_INPUT',
    ja: (max: number) => `ファイルは ${max / 1024} KiB 以下にしてください`,
    en: (max: number) => `The file must be at most ${max / 1024} KiB`,
  },
  GRANT_DOCUMENT_ENCODING: { code: 'BAD_USER_INPUT', ja: 'ファイルの内容が base64 ではありません', en: 'The content is not base64' },
  GRANT_DOCUMENT_CHECKSUM: { code: 'BAD_USER_INPUT', ja: 'チェックサムが内容と一致しません', en: 'The checksum does not match the content' },
  GRANT_DOCUMENT_CONTENT: { code: 'BAD_USER_INPUT', ja: 'ファイルの内容が指定の種類と一致しません', en: 'The content is not of the type given' },
  GRANT_UNKNOWN_BANK: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `銀行コード ${code} は全銀コード一覧にありません`,
    en: (code: string) => `Bank code ${code} is not in the Zengin bank list`,
  },
  GRANT_UNKNOWN_BRANCH: {
    code: 'BAD_USER_INPUT',
    ja: (branch: string, bank: string) => `支店コード ${branch} は銀行 ${bank} の支店一覧にありません`,
    en: (branch: string, bank: string) => `Branch code ${branch} is not a branch of bank ${bank}`,
  },
  GRANT_HOLDER_NAME_EMPTY: { code: 'BAD_USER_INPUT', ja: '口座名義を入力してください', en: 'The account holder name is required' },
  GRANT_HOLDER_NAME_CHARACTERS: {
    code: 'BAD_USER_INPUT',
    ja: (characters: string[] | undefined) => `口座名義に全銀で使えない文字があります: ${characters!.join(' ')} (半角カナ・英大文字・数字・スペース・( ) - . のみ)`,
    en: (characters: string[] | undefined) => `The holder name has characters Zengin does not accept: ${characters!.join(' ')} (half-width kana, A–Z, digits, space and ( ) - . only)`,
  },
  GRANT_HOLDER_NAME_TOO_LONG: {
    code: 'BAD_USER_INPUT',
    ja: (length: number | undefined, max: number | undefined) => `口座名義が長すぎます (半角 ${length} 文字、上限 ${max} 文字。濁点・半濁点も1文字)`,
    en: (length: number | undefined, max: number | undefined) => `The holder name is ${length} half-width characters, more than the ${max} allowed (ﾞ and ﾟ count)`,
  },
  GRANT_NOT_BANK_BUSINESS_DAY: {
    code: 'BAD_USER_INPUT',
    ja: (date: string, next: string) => `${date} は銀行営業日ではありません (次の営業日は ${next})`,
    en: (date: string, next: string) => `${date} is not a bank business day (the next one is ${next})`,
  },
  GRANT_TRANSFER_DATE_PAST: { code: 'BAD_USER_INPUT', ja: '振込日は今日以降にしてください', en: 'The transfer date must not be in the past' },
  GRANT_EXCEEDS_PAYABLE: {
    code: 'BAD_USER_INPUT',
    ja: (payable: bigint) => `支払額が未払の決定額 ${yen(payable).ja} を超えています`,
    en: (payable: bigint) => `The payment exceeds the ${yen(payable).en} of the award not yet paid or scheduled`,
  },
  GRANT_NOTHING_TO_BATCH: { code: 'CONFLICT', ja: '振込待ちの支払がありません', en: 'No payments are waiting for a batch' },
  GRANT_BATCH_EXPORTED: { code: 'CONFLICT', ja: 'この振込バッチは出力済みのため変更できません', en: 'This batch has been exported and cannot change' },
  GRANT_BATCH_NOT_EXPORTED: { code: 'CONFLICT', ja: '振込バッチがまだ出力されていません', en: 'The batch has not been exported yet' },
  GRANT_DISBURSEMENT_WRONG_STATUS: {
    code: 'CONFLICT',
    ja: (status: string) => `状態 ${status} の支払にはこの操作を行えません`,
    en: (status: string) => `A disbursement in status ${status} cannot take this`,
  },
  GRANT_PAYMENTS_IN_FLIGHT: {
    code: 'CONFLICT',
    ja: '出力済みの振込バッチに未確定の支払があります。入金・返却を確定してから操作してください',
    en: 'A payment is in an exported batch and not yet settled; mark it paid or returned first',
  },
  GRANT_PENDING_PAYMENTS: { code: 'CONFLICT', ja: '未払の支払予定があります', en: 'Payments are still scheduled or in a batch' },
});

const R = GRANTS_REASONS;

/** The grants library's errors: a stable `reason` each, text in Japanese and English. */
export const GrantsError = {
  programNotFound: (id: string) => R.GRANT_PROGRAM_NOT_FOUND.error(id),
  applicationNotFound: (id: string) => R.GRANT_APPLICATION_NOT_FOUND.error(id),
  documentNotFound: (id: string) => R.GRANT_DOCUMENT_NOT_FOUND.error(id),
  disbursementNotFound: (id: string) => R.GRANT_DISBURSEMENT_NOT_FOUND.error(id),
  batchNotFound: (id: string) => R.GRANT_BATCH_NOT_FOUND.error(id),
  payeeMissing: () => R.GRANT_PAYEE_MISSING.error(),

  programCodeTaken: (code: string) => R.GRANT_PROGRAM_CODE_TAKEN.at('input.code', code),
  programDates: () => R.GRANT_PROGRAM_DATES.at('input.closesOn'),
  programOutsideFiscalYear: (field: string, year: number) => R.GRANT_PROGRAM_OUTSIDE_FISCAL_YEAR.at(field, year),
  programLimits: (field: string) => R.GRANT_PROGRAM_LIMITS.at(field, false),
  perPersonBelowPerAward: () => R.GRANT_PROGRAM_LIMITS.at('input.maxPerPerson', true),
  zenginLimit: (field: string, max: bigint) => R.GRANT_ZENGIN_LIMIT.at(field, max),
  budgetBelowAwarded: (awarded: bigint) => R.GRANT_BUDGET_BELOW_AWARDED.at('input.totalBudget', awarded),
  programClosed: () => R.GRANT_PROGRAM_CLOSED.at('input.programId'),

  courseDates: () => R.GRANT_COURSE_DATES.at('input.courseEndsOn'),
  duplicateCategory: (field: string) => R.GRANT_DUPLICATE_CATEGORY.at(field),
  applicantRequired: (field: string) => R.GRANT_APPLICANT_REQUIRED.at(field),
  unknownReference: (field: string, id: string) => R.GRANT_UNKNOWN_REFERENCE.at(field, id),
  kanaName: () => R.GRANT_KANA_NAME.at('input.applicantNameKana'),
  notEditable: (status: string) => R.GRANT_APPLICATION_NOT_EDITABLE.error(status),
  missingDocuments: (kinds: string[]) => R.GRANT_DOCUMENTS_MISSING.at('documents', kinds),

  limit(problem: LimitProblem, field: string): AppError {
    switch (problem.kind) {
      case 'UNKNOWN_CATEGORY':
        return R.GRANT_CATEGORY_NOT_IN_PROGRAM.at(field, problem.category);
      case 'NON_POSITIVE':
        return R.GRANT_AMOUNT_NOT_POSITIVE.at(field);
      case 'CATEGORY_NOT_REQUESTED':
        return R.GRANT_CATEGORY_NOT_REQUESTED.at(field, problem.category);
      case 'EXCEEDS_REQUESTED':
        return R.GRANT_EXCEEDS_REQUESTED.at(field, problem.category, problem.requested);
      case 'EXCEEDS_PER_AWARD':
        return R.GRANT_EXCEEDS_PER_AWARD.at(field, problem.max);
      case 'EXCEEDS_PER_PERSON':
        return R.GRANT_EXCEEDS_PER_PERSON.at(field, problem.max, problem.already);
      case 'EXCEEDS_BUDGET':
        return R.GRANT_EXCEEDS_BUDGET.at(field, problem.remaining);
    }
  },

  wrongStatus: (status: GrantApplicationStatus, action: GrantAction | 'REVIEW') => R.GRANT_WRONG_STATUS.error(status, action),
  wrongRole: (action: GrantAction | 'REVIEW') => R.GRANT_WRONG_ROLE.error(action),
  batchRole: (roles: readonly string[]) => R.GRANT_BATCH_ROLE.error(roles),
  notOwnApplication: () => R.GRANT_NOT_OWN_APPLICATION.error(),
  conflictOfInterest: () => R.GRANT_CONFLICT_OF_INTEREST.error(),
  sameApprover: () => R.GRANT_SAME_APPROVER.error(),
  secondApprovalDiffers: () => R.GRANT_SECOND_APPROVAL_DIFFERS.at('input.costs'),
  notReviewed: () => R.GRANT_NOT_REVIEWED.error(),
  commentRequired: () => R.GRANT_COMMENT_REQUIRED.at('input.comment'),

  document: {
    type: () => R.GRANT_DOCUMENT_TYPE.at('input.contentType'),
    size: (max: number) => R.GRANT_DOCUMENT_SIZE.at('input.contentBase64', max),
    encoding: () => R.GRANT_DOCUMENT_ENCODING.at('input.contentBase64'),
    checksum: () => R.GRANT_DOCUMENT_CHECKSUM.at('input.sha256'),
    contentMismatch: () => R.GRANT_DOCUMENT_CONTENT.at('input.contentType'),
  },

  bank: {
    unknownBank: (code: string) => R.GRANT_UNKNOWN_BANK.at('input.bankCode', code),
    unknownBranch: (bank: string, branch: string) => R.GRANT_UNKNOWN_BRANCH.at('input.branchCode', branch, bank),
    holderName(problem: KanaProblem, field = 'input.holderName'): AppError {
      switch (problem.kind) {
        case 'EMPTY':
          return R.GRANT_HOLDER_NAME_EMPTY.at(field);
        case 'INVALID_CHARACTERS':
          return R.GRANT_HOLDER_NAME_CHARACTERS.at(field, problem.characters);
        case 'TOO_LONG':
          return R.GRANT_HOLDER_NAME_TOO_LONG.at(field, problem.length, problem.max);
      }
    },
  },

  notBankBusinessDay: (date: string, next: string) => R.GRANT_NOT_BANK_BUSINESS_DAY.at('input.transferDate', date, next),
  transferDateInPast: () => R.GRANT_TRANSFER_DATE_PAST.at('input.transferDate'),
  exceedsPayable: (payable: bigint) => R.GRANT_EXCEEDS_PAYABLE.at('input.amount', payable),
  nothingToBatch: () => R.GRANT_NOTHING_TO_BATCH.error(),
  batchExported: () => R.GRANT_BATCH_EXPORTED.error(),
  batchNotExported: () => R.GRANT_BATCH_NOT_EXPORTED.error(),
  disbursementNotInFlight: (status: string) => R.GRANT_DISBURSEMENT_WRONG_STATUS.error(status),
  paymentsInFlight: () => R.GRANT_PAYMENTS_IN_FLIGHT.error(),
  pendingPayments: () => R.GRANT_PENDING_PAYMENTS.error(),
};
