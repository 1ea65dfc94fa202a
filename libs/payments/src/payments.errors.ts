import { AppError, Money } from '#core';
import { DuesError } from '#dues';
import type { AllocationProblem } from './allocation.js';

const yen = (amount: bigint, currency = 'JPY') => ({ ja: Money.of(amount, currency).format('ja'), en: Money.of(amount, currency).format('en') });

/** The payments library's errors: stable reasons, Japanese and English text. */
export const PaymentsError = {
  duplicateReference: (reference: string) =>
    AppError.conflict('DUPLICATE_PAYMENT_REFERENCE', {
      ja: `この支払参照番号 (${reference}) の入金はすでに記録されています`,
      en: `A payment with reference ${reference} has already been recorded`,
    }),

  idempotencyKeyReused: () =>
    AppError.conflict('IDEMPOTENCY_KEY_REUSED', {
      ja: 'この冪等キーは別の内容のリクエストですでに使われています',
      en: 'This idempotency key was already used for a different request',
    }),

  alreadyVoided: (id: string) =>
    AppError.conflict('PAYMENT_ALREADY_VOIDED', { ja: `この入金はすでに取り消されています (${id})`, en: `This payment has already been voided (${id})` }),

  currencyMismatch: (field: string, expected: string, got: string) =>
    AppError.badInput(
      field,
      { ja: `通貨が一致しません: ${expected} で記録してください (${got} が指定されました)`, en: `Currency mismatch: expected ${expected}, got ${got}` },
      'CURRENCY_MISMATCH',
    ),

  futureDate: (field: string) =>
    AppError.badInput(field, { ja: '未来の日付は指定できません', en: 'The date must not be in the future' }, 'DATE_IN_FUTURE'),

  feeNotBelowAmount: () =>
    AppError.badInput('input.fee', { ja: '手数料は入金額より小さくしてください', en: 'The fee must be less than the amount' }, 'FEE_NOT_BELOW_AMOUNT'),

  invoiceOfAnotherMember: (index: number) =>
    AppError.badInput(
      `input.allocations.${index}.invoiceId`,
      { ja: 'この請求書は別の会員のものです', en: 'This invoice belongs to another member' },
      'INVOICE_OF_ANOTHER_MEMBER',
    ),

  /** `field` names the invoice: `input.allocations.N.invoiceId` or `input.invoiceIds.N`. */
  invoiceOfAnotherBranch: (field: string) =>
    AppError.badInput(
      field,
      {
        ja: 'この請求書は別の支部が発行したものです (転籍前の支部など)。発行した支部か連合会の管理者が入金を記録します。支部ごとに分けて記録してください',
        en: 'This invoice was issued by another branch (e.g. before a transfer): that branch or a federation admin collects it, one payment per branch',
      },
      'INVOICE_OF_ANOTHER_BRANCH',
    ),

  invoiceNotOpen: (index: number) =>
    AppError.badInput(
      `input.allocations.${index}.invoiceId`,
      { ja: 'この請求書には入金を充当できません（取消済みまたは存在しません）', en: 'This invoice cannot take payments (voided or not found)' },
      'INVOICE_NOT_OPEN',
    ),

  /** The dues library's INVOICE_ALREADY_PAID (one definition), on the allocation that named the invoice. */
  invoiceAlreadyPaid: (index: number, number: string) => DuesError.invoiceAlreadyPaidAt(`input.allocations.${index}.invoiceId`, number),

  /** A payment addressed by its reference (CLI `--payment`): none the actor may see carries it. */
  noPaymentWithReferenceAt: (field: string, reference: string) =>
    AppError.badInput(field, { ja: `支払参照番号・入金ID ${reference} の入金が見つかりません`, en: `No payment with reference or id ${reference}` }, 'PAYMENT_REFERENCE_NOT_FOUND'),

  /** Several live payments carry the reference (different branches or methods): the candidates, to choose one by id. */
  paymentReferenceAmbiguousAt: (field: string, reference: string, candidates: readonly string[]) =>
    AppError.badInput(
      field,
      {
        ja: `支払参照番号 ${reference} の入金が複数あります。入金IDで指定してください: ${candidates.join('; ')}`,
        en: `Several payments carry reference ${reference}; give one by id: ${candidates.join('; ')}`,
      },
      'PAYMENT_REFERENCE_AMBIGUOUS',
    ),

  nothingToSettle: () =>
    AppError.badInput('input.amount', { ja: '精算する残高がありません', en: 'There is nothing owed to settle' }, 'NOTHING_TO_SETTLE'),

  settlementExceedsOwed: (owed: bigint, currency: string) =>
    AppError.badInput(
      'input.amount',
      { ja: `精算額が未精算残高 ${yen(owed, currency).ja} を超えています`, en: `The settlement exceeds the ${yen(owed, currency).en} owed` },
      'SETTLEMENT_EXCEEDS_OWED',
    ),

  /** The federation's own money leaves only by a federation admin's hand. */
  federationPaysByAdminOnly: () =>
    new AppError('FORBIDDEN', 'SETTLEMENT_DIRECTION_FORBIDDEN', {
      ja: '連合会から支部への精算は連合会の管理者だけが記録できます',
      en: 'Only a federation admin records a settlement paid by the federation to a branch',
    }),

  invalidPeriod: (field: string) =>
    AppError.badInput(field, { ja: '終了日は開始日以降にしてください', en: 'to must not be before from' }, 'INVALID_PERIOD'),

  exportTooLarge: (rows: number, max: number) =>
    AppError.badInput(
      'filter',
      {
        ja: `該当する入金が ${rows} 件あり、上限 ${max} 件を超えています。期間を絞るか CLI (payments:export) を使ってください`,
        en: `${rows} payments match, more than the ${max} a download holds; narrow the filter or use the CLI (payments:export)`,
      },
      'EXPORT_TOO_LARGE',
    ),

  noCredit: () => AppError.badInput('memberId', { ja: '利用できる前受金（クレジット）がありません', en: 'The member has no credit to apply' }, 'NO_CREDIT'),

  /** Maps a pure allocation problem to a field-level BAD_USER_INPUT. */
  fromAllocation(problem: AllocationProblem, currency: string): AppError {
    switch (problem.kind) {
      case 'NON_POSITIVE_AMOUNT':
        return AppError.badInput('input.amount.amount', { ja: '金額は正の整数で入力してください', en: 'The amount must be greater than zero' }, 'NON_POSITIVE_AMOUNT');
      case 'DUPLICATE_INVOICE':
        return AppError.badInput(
          `input.allocations.${problem.index}.invoiceId`,
          { ja: '同じ請求書が二度指定されています', en: 'The same invoice is listed twice' },
          'DUPLICATE_INVOICE',
        );
      case 'UNKNOWN_INVOICE':
        return PaymentsError.invoiceNotOpen(problem.index);
      case 'NON_POSITIVE_ALLOCATION':
        return AppError.badInput(
          `input.allocations.${problem.index}.amount`,
          { ja: '充当額は正の整数で入力してください', en: 'The allocated amount must be greater than zero' },
          'NON_POSITIVE_ALLOCATION',
        );
      case 'EXCEEDS_OUTSTANDING':
        return AppError.badInput(
          `input.allocations.${problem.index}.amount`,
          {
            ja: `充当額が請求書の未払残高 ${yen(problem.outstanding, currency).ja} を超えています`,
            en: `The allocated amount exceeds the ${yen(problem.outstanding, currency).en} outstanding on the invoice`,
          },
          'ALLOCATION_EXCEEDS_OUTSTANDING',
        );
      case 'EXCEEDS_PAYMENT':
        return AppError.badInput(
          'input.allocations',
          { ja: '充当額の合計が入金額を超えています', en: 'The allocated amounts add up to more than the payment' },
          'ALLOCATIONS_EXCEED_PAYMENT',
        );
      case 'OVERPAYMENT':
        return AppError.badInput(
          'input.amount.amount',
          {
            ja: `入金額が未払残高を ${yen(problem.credit, currency).ja} 超えています。前受金（クレジット）とする場合は allowCredit を指定してください`,
            en: `The payment exceeds what is outstanding by ${yen(problem.credit, currency).en}; set allowCredit to keep the rest as member credit`,
          },
          'OVERPAYMENT_NOT_ALLOWED',
        );
    }
  },
};
