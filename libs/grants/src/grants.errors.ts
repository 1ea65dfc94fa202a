import { AppError, Money, type LocalizedText } from '#core';
import type { GrantAction, GrantApplicationStatus } from './application-status.js';
import type { LimitProblem } from './budget.js';
import type { KanaProblem } from './zengin/half-width-kana.js';

const yen = (amount: bigint): LocalizedText => ({ ja: Money.of(amount).format('ja'), en: Money.of(amount).format('en') });

/** The grants library's errors: a stable `reason` each, text in Japanese and English. */
export const GrantsError = {
  programNotFound: (id: string) => new AppError('NOT_FOUND', 'GRANT_PROGRAM_NOT_FOUND', { ja: `助成プログラムが見つかりません (${id})`, en: `Grant program not found (${id})` }),
  applicationNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'GRANT_APPLICATION_NOT_FOUND', { ja: `助成申請が見つかりません (${id})`, en: `Grant application not found (${id})` }),
  documentNotFound: (id: string) => new AppError('NOT_FOUND', 'GRANT_DOCUMENT_NOT_FOUND', { ja: `書類が見つかりません (${id})`, en: `Document not found (${id})` }),
  disbursementNotFound: (id: string) =>
    new AppError('NOT_FOUND', 'GRANT_DISBURSEMENT_NOT_FOUND', { ja: `支払が見つかりません (${id})`, en: `Disbursement not found (${id})` }),
  batchNotFound: (id: string) => new AppError('NOT_FOUND', 'GRANT_BATCH_NOT_FOUND', { ja: `振込バッチが見つかりません (${id})`, en: `Payment batch not found (${id})` }),
  payeeMissing: () =>
    AppError.conflict('GRANT_PAYEE_MISSING', { ja: '振込先が登録されていません。先に振込先を登録してください', en: 'No payee is registered; register the payee first' }),

  programCodeTaken: (code: string) =>
    AppError.badInput('input.code', { ja: `プログラムコード ${code} は既に使われています`, en: `Program code ${code} is already in use` }, 'GRANT_PROGRAM_CODE_TAKEN'),
  programDates: () =>
    AppError.badInput('input.closesOn', { ja: '締切日は受付開始日以降にしてください', en: 'closesOn must not be before opensOn' }, 'GRANT_PROGRAM_DATES'),
  programOutsideFiscalYear: (field: string, year: number) =>
    AppError.badInput(
      field,
      { ja: `日付は ${year}年度 (${year}年4月〜${year + 1}年3月) の中にしてください`, en: `The date must be within fiscal year ${year} (April ${year} – March ${year + 1})` },
      'GRANT_PROGRAM_OUTSIDE_FISCAL_YEAR',
    ),
  programLimits: (field: string) =>
    AppError.badInput(field, { ja: '上限額は予算総額以下にしてください', en: 'A limit must not exceed the total budget' }, 'GRANT_PROGRAM_LIMITS'),
  zenginLimit: (field: string, max: bigint) =>
    AppError.badInput(field, { ja: `全銀ファイルで扱える上限 ${yen(max).ja} を超えています`, en: `More than the ${yen(max).en} a Zengin transfer file can hold` }, 'GRANT_ZENGIN_LIMIT'),
  budgetBelowAwarded: (awarded: bigint) =>
    AppError.badInput(
      'input.totalBudget',
      { ja: `予算総額は既に決定済みの ${yen(awarded).ja} を下回れません`, en: `The budget cannot be less than the ${yen(awarded).en} already awarded` },
      'GRANT_BUDGET_BELOW_AWARDED',
    ),
  programClosed: () =>
    AppError.badInput('input.programId', { ja: 'このプログラムは現在申請を受け付けていません', en: 'This program is not open for applications now' }, 'GRANT_PROGRAM_CLOSED'),

  courseDates: () =>
    AppError.badInput('input.courseEndsOn', { ja: '講座の終了日は開始日以降にしてください', en: 'The course must not end before it starts' }, 'GRANT_COURSE_DATES'),
  duplicateCategory: (field: string) =>
    AppError.badInput(field, { ja: '同じ費目が二度指定されています', en: 'The same category is listed twice' }, 'GRANT_DUPLICATE_CATEGORY'),
  applicantRequired: (field: string) =>
    AppError.badInput(field, { ja: '会員以外の申請者は氏名・フリガナ・メールアドレスが必要です', en: 'An applicant who is not a member needs a name, its kana and an e-mail address' }, 'GRANT_APPLICANT_REQUIRED'),
  unknownReference: (field: string, id: string) =>
    AppError.badInput(field, { ja: `指定された ID は存在しません (${id})`, en: `Nothing has this id (${id})` }, 'GRANT_UNKNOWN_REFERENCE'),
  kanaName: () =>
    AppError.badInput('input.applicantNameKana', { ja: 'フリガナは全角カタカナで入力してください', en: 'The kana name must be written in full-width katakana' }, 'GRANT_KANA_NAME'),
  notEditable: (status: string) =>
    AppError.conflict('GRANT_APPLICATION_NOT_EDITABLE', { ja: `状態 ${status} の申請は変更できません`, en: `An application in status ${status} cannot be changed` }),
  missingDocuments: (kinds: string[]) =>
    AppError.badInput(
      'documents',
      { ja: `必要書類が添付されていません: ${kinds.join(', ')}`, en: `Required documents are missing: ${kinds.join(', ')}` },
      'GRANT_DOCUMENTS_MISSING',
    ),

  limit(problem: LimitProblem, field: string): AppError {
    switch (problem.kind) {
      case 'UNKNOWN_CATEGORY':
        return AppError.badInput(field, { ja: `費目 ${problem.category} はこのプログラムの対象外です`, en: `Category ${problem.category} is not funded by this program` }, 'GRANT_CATEGORY_NOT_IN_PROGRAM');
      case 'NON_POSITIVE':
        return AppError.badInput(field, { ja: '金額は正の整数で入力してください', en: 'Amounts must be positive whole numbers' }, 'GRANT_AMOUNT_NOT_POSITIVE');
      case 'CATEGORY_NOT_REQUESTED':
        return AppError.badInput(field, { ja: `費目 ${problem.category} は申請されていません`, en: `Category ${problem.category} was not requested` }, 'GRANT_CATEGORY_NOT_REQUESTED');
      case 'EXCEEDS_REQUESTED':
        return AppError.badInput(
          field,
          { ja: `費目 ${problem.category} の決定額が申請額 ${yen(problem.requested).ja} を超えています`, en: `The amount for ${problem.category} exceeds the ${yen(problem.requested).en} requested` },
          'GRANT_EXCEEDS_REQUESTED',
        );
      case 'EXCEEDS_PER_AWARD':
        return AppError.badInput(field, { ja: `1件あたりの上限 ${yen(problem.max).ja} を超えています`, en: `The award exceeds the ${yen(problem.max).en} limit per award` }, 'GRANT_EXCEEDS_PER_AWARD');
      case 'EXCEEDS_PER_PERSON':
        return AppError.badInput(
          field,
          {
            ja: `1人あたり年度上限 ${yen(problem.max).ja} を超えます (既に ${yen(problem.already).ja})`,
            en: `The award exceeds the ${yen(problem.max).en} limit per person and year (${yen(problem.already).en} already awarded)`,
          },
          'GRANT_EXCEEDS_PER_PERSON',
        );
      case 'EXCEEDS_BUDGET':
        return AppError.badInput(
          field,
          { ja: `予算残額 ${yen(problem.remaining).ja} を超えています`, en: `The award exceeds the ${yen(problem.remaining).en} left in the budget` },
          'GRANT_EXCEEDS_BUDGET',
        );
    }
  },

  wrongStatus: (status: GrantApplicationStatus, action: GrantAction | 'REVIEW') =>
    AppError.conflict('GRANT_WRONG_STATUS', { ja: `状態 ${status} の申請には ${action} を行えません`, en: `An application in status ${status} cannot take ${action}` }),
  wrongRole: (action: GrantAction | 'REVIEW') =>
    new AppError('FORBIDDEN', 'GRANT_WRONG_ROLE', { ja: `${action} を行う権限がありません`, en: `Your role may not ${action} an application` }),
  notOwnApplication: () => new AppError('FORBIDDEN', 'GRANT_NOT_OWN_APPLICATION', { ja: 'ご自身の申請ではありません', en: 'This is not your application' }),
  conflictOfInterest: () =>
    new AppError('FORBIDDEN', 'GRANT_CONFLICT_OF_INTEREST', {
      ja: '自分が申請・代理入力・審査した申請は決裁できません',
      en: 'You cannot decide an application you made, entered or reviewed',
    }),
  sameApprover: () =>
    new AppError('FORBIDDEN', 'GRANT_SAME_APPROVER', { ja: '2人目の決裁は1人目と別の決裁者が行ってください', en: 'The second approval must come from a different approver' }),
  secondApprovalDiffers: () =>
    AppError.badInput('input.costs', { ja: '2人目の決裁額は1人目と同じにしてください (異なる場合は差し戻してください)', en: 'The second approval must approve the same amounts as the first (request changes otherwise)' }, 'GRANT_SECOND_APPROVAL_DIFFERS'),
  notReviewed: () =>
    AppError.conflict('GRANT_NOT_REVIEWED', { ja: '担当者の審査がまだです', en: 'An officer has not reviewed the application yet' }),
  commentRequired: () => AppError.badInput('input.comment', { ja: 'コメントを入力してください', en: 'A comment is required' }, 'GRANT_COMMENT_REQUIRED'),

  document: {
    type: () =>
      AppError.badInput('input.contentType', { ja: 'PDF・JPEG・PNG のファイルだけ添付できます', en: 'Only PDF, JPEG and PNG files are accepted' }, 'GRANT_DOCUMENT_TYPE'),
    size: (max: number) =>
      AppError.badInput('input.contentBase64', { ja: `ファイルは ${max / 1024} KiB 以下にしてください`, en: `The file must be at most ${max / 1024} KiB` }, 'GRANT_DOCUMENT_SIZE'),
    encoding: () => AppError.badInput('input.contentBase64', { ja: 'ファイルの内容が base64 ではありません', en: 'The content is not base64' }, 'GRANT_DOCUMENT_ENCODING'),
    checksum: () =>
      AppError.badInput('input.sha256', { ja: 'チェックサムが内容と一致しません', en: 'The checksum does not match the content' }, 'GRANT_DOCUMENT_CHECKSUM'),
    contentMismatch: () =>
      AppError.badInput('input.contentType', { ja: 'ファイルの内容が指定の種類と一致しません', en: 'The content is not of the type given' }, 'GRANT_DOCUMENT_CONTENT'),
  },

  bank: {
    unknownBank: (code: string) =>
      AppError.badInput('input.bankCode', { ja: `銀行コード ${code} は全銀コード一覧にありません`, en: `Bank code ${code} is not in the Zengin bank list` }, 'GRANT_UNKNOWN_BANK'),
    unknownBranch: (bank: string, branch: string) =>
      AppError.badInput('input.branchCode', { ja: `支店コード ${branch} は銀行 ${bank} の支店一覧にありません`, en: `Branch code ${branch} is not a branch of bank ${bank}` }, 'GRANT_UNKNOWN_BRANCH'),
    holderName(problem: KanaProblem, field = 'input.holderName'): AppError {
      switch (problem.kind) {
        case 'EMPTY':
          return AppError.badInput(field, { ja: '口座名義を入力してください', en: 'The account holder name is required' }, 'GRANT_HOLDER_NAME_EMPTY');
        case 'INVALID_CHARACTERS':
          return AppError.badInput(
            field,
            {
              ja: `口座名義に全銀で使えない文字があります: ${problem.characters!.join(' ')} (半角カナ・英大文字・数字・スペース・( ) - . のみ)`,
              en: `The holder name has characters Zengin does not accept: ${problem.characters!.join(' ')} (half-width kana, A–Z, digits, space and ( ) - . only)`,
            },
            'GRANT_HOLDER_NAME_CHARACTERS',
          );
        case 'TOO_LONG':
          return AppError.badInput(
            field,
            { ja: `口座名義が長すぎます (半角 ${problem.length} 文字、上限 ${problem.max} 文字。濁点・半濁点も1文字)`, en: `The holder name is ${problem.length} half-width characters, more than the ${problem.max} allowed (ﾞ and ﾟ count)` },
            'GRANT_HOLDER_NAME_TOO_LONG',
          );
      }
    },
  },

  notBankBusinessDay: (date: string, next: string) =>
    AppError.badInput(
      'input.transferDate',
      { ja: `${date} は銀行営業日ではありません (次の営業日は ${next})`, en: `${date} is not a bank business day (the next one is ${next})` },
      'GRANT_NOT_BANK_BUSINESS_DAY',
    ),
  transferDateInPast: () =>
    AppError.badInput('input.transferDate', { ja: '振込日は今日以降にしてください', en: 'The transfer date must not be in the past' }, 'GRANT_TRANSFER_DATE_PAST'),
  exceedsPayable: (payable: bigint) =>
    AppError.badInput(
      'input.amount',
      { ja: `支払額が未払の決定額 ${yen(payable).ja} を超えています`, en: `The payment exceeds the ${yen(payable).en} of the award not yet paid or scheduled` },
      'GRANT_EXCEEDS_PAYABLE',
    ),
  nothingToBatch: () => AppError.conflict('GRANT_NOTHING_TO_BATCH', { ja: '振込待ちの支払がありません', en: 'No payments are waiting for a batch' }),
  batchExported: () =>
    AppError.conflict('GRANT_BATCH_EXPORTED', { ja: 'この振込バッチは出力済みのため変更できません', en: 'This batch has been exported and cannot change' }),
  batchNotExported: () =>
    AppError.conflict('GRANT_BATCH_NOT_EXPORTED', { ja: '振込バッチがまだ出力されていません', en: 'The batch has not been exported yet' }),
  disbursementNotInFlight: (status: string) =>
    AppError.conflict('GRANT_DISBURSEMENT_WRONG_STATUS', { ja: `状態 ${status} の支払にはこの操作を行えません`, en: `A disbursement in status ${status} cannot take this` }),
  paymentsInFlight: () =>
    AppError.conflict('GRANT_PAYMENTS_IN_FLIGHT', {
      ja: '出力済みの振込バッチに未確定の支払があります。入金・返却を確定してから操作してください',
      en: 'A payment is in an exported batch and not yet settled; mark it paid or returned first',
    }),
  pendingPayments: () =>
    AppError.conflict('GRANT_PENDING_PAYMENTS', { ja: '未払の支払予定があります', en: 'Payments are still scheduled or in a batch' }),
};
