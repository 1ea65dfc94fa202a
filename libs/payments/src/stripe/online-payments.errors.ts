import { Money, errorCatalogue, type LocalizedText } from '#core';
import { DuesError } from '#dues';

const yen = (amount: bigint, currency: string) => ({ ja: Money.of(amount, currency).format('ja'), en: Money.of(amount, currency).format('en') });

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const ONLINE_PAYMENTS_REASONS = errorCatalogue({
  AUTO_RENEW_RUN_FEDERATION_ADMIN_ONLY: { code: 'FORBIDDEN', ja: '自動更新の決済処理は連合会管理者のみ実行できます', en: 'Only a federation admin may run the auto-renew charges' },
  ONLINE_PAYMENTS_NOT_CONFIGURED: { code: 'CONFLICT', ja: 'オンライン決済は設定されていません', en: 'Online payments are not configured' },
  INVOICE_NOT_PAYABLE: { code: 'BAD_USER_INPUT', ja: 'この請求書は支払済みまたは無効のため、オンラインで支払えません', en: 'This invoice is paid or void and cannot be paid online' },
  BELOW_ONLINE_MINIMUM: {
    code: 'BAD_USER_INPUT',
    ja: (minimum: bigint, currency: string) => `オンライン決済の最低金額は ${yen(minimum, currency).ja} です`,
    en: (minimum: bigint, currency: string) => `The minimum for an online payment is ${yen(minimum, currency).en}`,
  },
  /** What was asked: an invoice's amount (請求額) or the amount a donor gave (寄附額); the Stripe event job treats both as final. */
  ONLINE_AMOUNT_MISMATCH: {
    code: 'CONFLICT',
    ja: (reported: string, asked: LocalizedText, reference: string, gift: boolean) => `Stripe の決済額 (${reported}) が${gift ? '寄附額' : '請求額'} (${asked.ja}) と一致しません (${reference})`,
    en: (reported: string, asked: LocalizedText, reference: string, gift: boolean) => `Stripe reported ${reported} where ${asked.en} was ${gift ? 'given' : 'asked'} (${reference})`,
  },
  ONLINE_CHECKOUT_UNKNOWN: {
    code: 'CONFLICT',
    ja: (reference: string) => `決済セッションが見つかりません (${reference})`,
    en: (reference: string) => `No checkout session is known for ${reference}`,
  },
  NOT_ONLINE_PAYMENT: {
    code: 'BAD_USER_INPUT',
    ja: 'この入金はオンライン決済ではないため、返金できません',
    en: 'This payment was not made online and cannot be refunded through Stripe',
  },
  REFUND_EXCEEDS_REFUNDABLE: {
    code: 'BAD_USER_INPUT',
    ja: (refundable: bigint, currency: string) => `返金できるのは ${yen(refundable, currency).ja} までです`,
    en: (refundable: bigint, currency: string) => `At most ${yen(refundable, currency).en} can be refunded`,
  },
  STRIPE_REFUND_REFUSED: {
    code: 'CONFLICT',
    ja: (message: string) => `Stripe が返金を受け付けませんでした: ${message}`,
    en: (message: string) => `Stripe refused the refund: ${message}`,
  },
  ONLINE_TAKE_BACK_EXCEEDS_PAYMENT: {
    code: 'CONFLICT',
    ja: (paymentId: string) => `返金・チャージバックの合計が入金額を超えるか、入金が取り消されています (${paymentId})`,
    en: (paymentId: string) => `Refunds and lost disputes exceed the payment, or the payment was voided (${paymentId})`,
  },
  ONLINE_PAYMENT_UNKNOWN: {
    code: 'CONFLICT',
    ja: (reference: string) => `入金が見つかりません (${reference})`,
    en: (reference: string) => `No payment is known for ${reference}`,
  },
  SAVED_CARD_MEMBER_ONLY: { code: 'FORBIDDEN', ja: '保存済みのカードは会員本人だけが確認・削除できます', en: 'Only the member may see or remove their saved card' },
  ONLINE_AUTO_RENEW_UNKNOWN: {
    code: 'CONFLICT',
    ja: (reference: string) => `自動更新の決済が見つかりません (${reference})`,
    en: (reference: string) => `No auto-renew charge is known for ${reference}`,
  },
  REFUND_REASON_REQUIRED: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '返金理由を入力してください', en: 'Give a reason for the refund' },
  IDEMPOTENCY_KEY_INVALID: { code: 'BAD_USER_INPUT', reason: 'INVALID_FIELD', ja: '冪等キーを 1〜200 文字で指定してください', en: 'Give an idempotency key of 1 to 200 characters' },
});

const R = ONLINE_PAYMENTS_REASONS;

/** Errors of online payments (Stripe): stable reasons, Japanese and English text. */
export const OnlinePaymentsError = {
  /** The auto-renew run a person asks for is a federation admin's (as runAutoRenewCharges is). */
  autoRenewRunNeedsAdmin: () => R.AUTO_RENEW_RUN_FEDERATION_ADMIN_ONLY.error(),

  notConfigured: () => R.ONLINE_PAYMENTS_NOT_CONFIGURED.error(),

  invoiceNotPayable: (field: string) => R.INVOICE_NOT_PAYABLE.at(field),

  belowStripeMinimum: (field: string, minimum: bigint, currency: string) => R.BELOW_ONLINE_MINIMUM.at(field, minimum, currency),

  /** Stripe reported another amount or currency than was asked: nothing is recorded; staff must look. */
  amountMismatch: (sessionId: string, asked: string, reported: string) => R.ONLINE_AMOUNT_MISMATCH.error(reported, { ja: asked, en: asked }, sessionId, false),

  /** The same for a gift: Stripe reported another amount than the donor gave (the donations library's case). */
  giftAmountMismatch: (reference: string, given: LocalizedText, reported: string) => R.ONLINE_AMOUNT_MISMATCH.error(reported, given, reference, true),

  /** An event about a Checkout session we do not know (yet): the job retries. */
  unknownCheckout: (reference: string) => R.ONLINE_CHECKOUT_UNKNOWN.error(reference),

  /** A refund asked of a payment that did not come through Stripe. */
  notOnlinePayment: (field: string) => R.NOT_ONLINE_PAYMENT.at(field),

  refundExceedsRefundable: (field: string, refundable: bigint, currency: string) => R.REFUND_EXCEEDS_REFUNDABLE.at(field, refundable, currency),

  /** Stripe refused the refund (its message kept): nothing was recorded. */
  refundRefused: (message: string) => R.STRIPE_REFUND_REFUSED.error(message),
  /** The dues library's AMOUNT_NOT_POSITIVE (one definition). */
  refundNotPositive: (field: string) => DuesError.amountNotPositive(field),

  /** Stripe took back more of a payment than it holds, or from a voided payment: staff must look. */
  takeBackExceedsPayment: (paymentId: string) => R.ONLINE_TAKE_BACK_EXCEEDS_PAYMENT.error(paymentId),

  /** An event about a payment intent whose payment is not recorded yet: the job retries. */
  unknownPayment: (reference: string) => R.ONLINE_PAYMENT_UNKNOWN.error(reference),

  /** Saved cards are the member's own: staff neither see nor remove them. */
  savedCardMemberOnly: () => R.SAVED_CARD_MEMBER_ONLY.error(),

  /** An auto-renew PaymentIntent whose attempt is not stored (yet): the job retries. */
  unknownAutoRenewCharge: (reference: string) => R.ONLINE_AUTO_RENEW_UNKNOWN.error(reference),
};
