import { AppError, Money, errorCatalogue } from '#core';
import { DuesError, type RefusedInvoice } from '#dues';
import { LedgerError } from '#ledger';
import type { AllocationProblem } from './allocation.js';

const yen = (amount: bigint, currency = 'JPY') => ({ ja: Money.of(amount, currency).format('ja'), en: Money.of(amount, currency).format('en') });

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const PAYMENTS_REASONS = errorCatalogue({
  DUPLICATE_PAYMENT_REFERENCE: {
    code: 'CONFLICT',
    ja: (reference: string) => `この支払参照番号 (${reference}) の入金はすでに記録されています`,
    en: (reference: string) => `A payment with reference ${reference} has already been recorded`,
  },
  PAYMENT_ALREADY_VOIDED: {
    code: 'CONFLICT',
    ja: (id: string) => `この入金はすでに取り消されています (${id})`,
    en: (id: string) => `This payment has already been voided (${id})`,
  },
  DATE_IN_FUTURE: { code: 'BAD_USER_INPUT', ja: '未来の日付は指定できません', en: 'The date must not be in the future' },
  FEE_NOT_BELOW_AMOUNT: { code: 'BAD_USER_INPUT', ja: '手数料は入金額より小さくしてください', en: 'The fee must be less than the amount' },
  INVOICE_OF_ANOTHER_MEMBER: { code: 'BAD_USER_INPUT', ja: 'この請求書は別の会員のものです', en: 'This invoice belongs to another member' },
  INVOICE_OF_ANOTHER_BRANCH: {
    code: 'BAD_USER_INPUT',
    ja: 'この請求書は別の支部が発行したものです (転籍前の支部など)。発行した支部か連合会の管理者が入金を記録します。支部ごとに分けて記録してください',
    en: 'This invoice was issued by another branch (e.g. before a transfer): that branch or a federation admin collects it, one payment per branch',
  },
  INVOICE_NOT_OPEN: { code: 'BAD_USER_INPUT', ja: 'この請求書には入金を充当できません（取消済みまたは存在しません）', en: 'This invoice cannot take payments (voided or not found)' },
  NOTHING_TO_SETTLE: { code: 'BAD_USER_INPUT', ja: '精算する残高がありません', en: 'There is nothing owed to settle' },
  PAYMENT_REFERENCE_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    ja: (reference: string) => `支払参照番号・入金ID ${reference} の入金が見つかりません`,
    en: (reference: string) => `No payment with reference or id ${reference}`,
  },
  PAYMENT_REFERENCE_AMBIGUOUS: {
    code: 'BAD_USER_INPUT',
    ja: (reference: string, candidates: readonly string[]) => `支払参照番号 ${reference} の入金が複数あります。入金IDで指定してください: ${candidates.join('; ')}`,
    en: (reference: string, candidates: readonly string[]) => `Several payments carry reference ${reference}; give one by id: ${candidates.join('; ')}`,
  },
  SETTLEMENT_EXCEEDS_OWED: {
    code: 'BAD_USER_INPUT',
    ja: (owed: bigint, currency: string) => `精算額が未精算残高 ${yen(owed, currency).ja} を超えています`,
    en: (owed: bigint, currency: string) => `The settlement exceeds the ${yen(owed, currency).en} owed`,
  },
  SETTLEMENT_DIRECTION_FORBIDDEN: {
    code: 'FORBIDDEN',
    ja: '連合会から支部への精算は連合会の管理者だけが記録できます',
    en: 'Only a federation admin records a settlement paid by the federation to a branch',
  },
  INVALID_PERIOD: { code: 'BAD_USER_INPUT', ja: '終了日は開始日以降にしてください', en: 'to must not be before from' },
  PAYMENTS_EXPORT_TOO_LARGE: {
    code: 'BAD_USER_INPUT',
    ja: (rows: number, max: number) => `該当する入金が ${rows} 件あり、上限 ${max} 件を超えています。期間を絞るか CLI (payments:export) を使ってください`,
    en: (rows: number, max: number) => `${rows} payments match, more than the ${max} a download holds; narrow the filter or use the CLI (payments:export)`,
  },
  NO_CREDIT: { code: 'BAD_USER_INPUT', ja: '利用できる前受金（クレジット）がありません', en: 'The member has no credit to apply' },
  NON_POSITIVE_AMOUNT: { code: 'BAD_USER_INPUT', ja: '金額は正の整数で入力してください', en: 'The amount must be greater than zero' },
  DUPLICATE_INVOICE: { code: 'BAD_USER_INPUT', ja: '同じ請求書が二度指定されています', en: 'The same invoice is listed twice' },
  NON_POSITIVE_ALLOCATION: { code: 'BAD_USER_INPUT', ja: '充当額は正の整数で入力してください', en: 'The allocated amount must be greater than zero' },
  ALLOCATION_EXCEEDS_OUTSTANDING: {
    code: 'BAD_USER_INPUT',
    ja: (outstanding: bigint, currency: string) => `充当額が請求書の未払残高 ${yen(outstanding, currency).ja} を超えています`,
    en: (outstanding: bigint, currency: string) => `The allocated amount exceeds the ${yen(outstanding, currency).en} outstanding on the invoice`,
  },
  ALLOCATIONS_EXCEED_PAYMENT: { code: 'BAD_USER_INPUT', ja: '充当額の合計が入金額を超えています', en: 'The allocated amounts add up to more than the payment' },
  OVERPAYMENT_NOT_ALLOWED: {
    code: 'BAD_USER_INPUT',
    ja: (credit: bigint, currency: string) => `入金額が未払残高を ${yen(credit, currency).ja} 超えています。前受金（クレジット）とする場合は allowCredit を指定してください`,
    en: (credit: bigint, currency: string) => `The payment exceeds what is outstanding by ${yen(credit, currency).en}; set allowCredit to keep the rest as member credit`,
  },
  VOID_REASON_REQUIRED: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '取消理由を入力してください', en: 'Give a reason for voiding' },
  TOO_MANY_PAYMENTS: {
    code: 'BAD_USER_INPUT',
    ja: (max: number) => `一度に記録できる入金は${max}件までです`,
    en: (max: number) => `At most ${max} payments per call`,
  },
  PAYMENT_RACE: { code: 'CONFLICT', ja: '同時に記録された入金と競合しました。もう一度お試しください', en: 'A concurrent payment interfered; please try again' },
  FEE_NEGATIVE: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '手数料は0以上で入力してください', en: 'The fee must not be negative' },
});

const R = PAYMENTS_REASONS;

/** The payments library's errors: stable reasons, Japanese and English text. */
export const PaymentsError = {
  duplicateReference: (reference: string) => R.DUPLICATE_PAYMENT_REFERENCE.error(reference),

  /** The ledger's IDEMPOTENCY_KEY_REUSED (one definition). */
  idempotencyKeyReused: () => LedgerError.idempotencyKeyReused(),

  alreadyVoided: (id: string) => R.PAYMENT_ALREADY_VOIDED.error(id),

  /** The ledger's CURRENCY_MISMATCH (one definition): the money is not in the book's currency. */
  currencyMismatch: (field: string, bookCurrency: string, got: string) => LedgerError.currencyMismatch(field, bookCurrency, got),

  futureDate: (field: string) => R.DATE_IN_FUTURE.at(field),

  feeNotBelowAmount: () => R.FEE_NOT_BELOW_AMOUNT.at('input.fee'),

  invoiceOfAnotherMember: (index: number) => R.INVOICE_OF_ANOTHER_MEMBER.at(`input.allocations.${index}.invoiceId`),

  /** `field` names the invoice: `input.allocations.N.invoiceId` or `input.invoiceIds.N`. */
  invoiceOfAnotherBranch: (field: string) => R.INVOICE_OF_ANOTHER_BRANCH.at(field),

  invoiceNotOpen: (index: number) => R.INVOICE_NOT_OPEN.at(`input.allocations.${index}.invoiceId`),

  /** The dues library's INVOICE_ALREADY_PAID (one definition), on the allocation that named the invoice. */
  /** The members library's MEMBER_NOT_FOUND and the federation library's BRANCH_NOT_FOUND, as refused inputs (for donations, which reach neither). */
  memberNotFoundAt: (field: string, id: string) => DuesError.memberNotFoundAt(field, id),
  branchNotFoundAt: (field: string, id: string) => DuesError.branchNotFound(field, id),
  invoiceAlreadyPaid: (index: number, number: string) => DuesError.invoiceAlreadyPaidAt(`input.allocations.${index}.invoiceId`, number),

  /**
   * A payment's allocation refused by the dues contract (InvoiceSettlement.lockForPayment), on its field:
   * unknown or void INVOICE_NOT_OPEN, another member's or branch's, another currency (the ledger's
   * CURRENCY_MISMATCH), paid INVOICE_ALREADY_PAID.
   */
  invoiceRefused(verdict: RefusedInvoice, index: number, currency: string): AppError {
    const field = `input.allocations.${index}.invoiceId`;
    switch (verdict.refusal) {
      case 'ANOTHER_MEMBER':
        return PaymentsError.invoiceOfAnotherMember(index);
      case 'ANOTHER_BRANCH':
        return PaymentsError.invoiceOfAnotherBranch(field);
      case 'ANOTHER_CURRENCY':
        return PaymentsError.currencyMismatch(field, verdict.invoice!.currency.trim(), currency);
      case 'ALREADY_PAID':
        return PaymentsError.invoiceAlreadyPaid(index, verdict.invoice!.number);
      case 'NOT_FOUND':
      case 'VOID':
        return PaymentsError.invoiceNotOpen(index);
    }
  },

  nothingToSettle: () => R.NOTHING_TO_SETTLE.at('input.amount'),

  /** A payment addressed by its reference (CLI `--payment`): none the actor may see carries it. */
  noPaymentWithReferenceAt: (field: string, reference: string) => R.PAYMENT_REFERENCE_NOT_FOUND.at(field, reference),

  /** Several live payments carry the reference (different branches or methods): the candidates, to choose one by id. */
  paymentReferenceAmbiguousAt: (field: string, reference: string, candidates: readonly string[]) => R.PAYMENT_REFERENCE_AMBIGUOUS.at(field, reference, candidates),

  settlementExceedsOwed: (owed: bigint, currency: string) => R.SETTLEMENT_EXCEEDS_OWED.at('input.amount', owed, currency),

  /** The federation's own money leaves only by a federation admin's hand. */
  federationPaysByAdminOnly: () => R.SETTLEMENT_DIRECTION_FORBIDDEN.error(),

  invalidPeriod: (field: string) => R.INVALID_PERIOD.at(field),

  exportTooLarge: (rows: number, max: number) => R.PAYMENTS_EXPORT_TOO_LARGE.at('filter', rows, max),

  noCredit: () => R.NO_CREDIT.at('memberId'),

  /** Maps a pure allocation problem to a field-level BAD_USER_INPUT. */
  fromAllocation(problem: AllocationProblem, currency: string): AppError {
    switch (problem.kind) {
      case 'NON_POSITIVE_AMOUNT':
        return R.NON_POSITIVE_AMOUNT.at('input.amount.amount');
      case 'DUPLICATE_INVOICE':
        return R.DUPLICATE_INVOICE.at(`input.allocations.${problem.index}.invoiceId`);
      case 'UNKNOWN_INVOICE':
        return PaymentsError.invoiceNotOpen(problem.index);
      case 'NON_POSITIVE_ALLOCATION':
        return R.NON_POSITIVE_ALLOCATION.at(`input.allocations.${problem.index}.amount`);
      case 'EXCEEDS_OUTSTANDING':
        return R.ALLOCATION_EXCEEDS_OUTSTANDING.at(`input.allocations.${problem.index}.amount`, problem.outstanding, currency);
      case 'EXCEEDS_PAYMENT':
        return R.ALLOCATIONS_EXCEED_PAYMENT.at('input.allocations');
      case 'OVERPAYMENT':
        return R.OVERPAYMENT_NOT_ALLOWED.at('input.amount.amount', problem.credit, currency);
    }
  },
};
