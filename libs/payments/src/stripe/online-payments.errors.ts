import { AppError, Money } from '#core';

const yen = (amount: bigint, currency: string) => ({ ja: Money.of(amount, currency).format('ja'), en: Money.of(amount, currency).format('en') });

/** Errors of online payments (Stripe): stable reasons, Japanese and English text. */
export const OnlinePaymentsError = {
  /** The auto-renew run a person asks for is a federation admin's (as runAutoRenewCharges is). */
  autoRenewRunNeedsAdmin: () =>
    new AppError('FORBIDDEN', 'AUTO_RENEW_RUN_FEDERATION_ADMIN_ONLY', {
      ja: '自動更新の決済処理は連合会管理者のみ実行できます',
      en: 'Only a federation admin may run the auto-renew charges',
    }),

  notConfigured: () =>
    AppError.conflict('ONLINE_PAYMENTS_NOT_CONFIGURED', {
      ja: 'オンライン決済は設定されていません',
      en: 'Online payments are not configured',
    }),

  invoiceNotPayable: (field: string) =>
    AppError.badInput(field, { ja: 'この請求書は支払済みまたは無効のため、オンラインで支払えません', en: 'This invoice is paid or void and cannot be paid online' }, 'INVOICE_NOT_PAYABLE'),

  belowStripeMinimum: (field: string, minimum: bigint, currency: string) =>
    AppError.badInput(
      field,
      { ja: `オンライン決済の最低金額は ${yen(minimum, currency).ja} です`, en: `The minimum for an online payment is ${yen(minimum, currency).en}` },
      'BELOW_ONLINE_MINIMUM',
    ),

  /** Stripe reported another amount or currency than was asked: nothing is recorded; staff must look. */
  amountMismatch: (sessionId: string, asked: string, reported: string) =>
    AppError.conflict('ONLINE_AMOUNT_MISMATCH', {
      ja: `Stripe の決済額 (${reported}) が請求額 (${asked}) と一致しません (${sessionId})`,
      en: `Stripe reported ${reported} where ${asked} was asked (${sessionId})`,
    }),

  /** An event about a Checkout session we do not know (yet): the job retries. */
  unknownCheckout: (reference: string) =>
    AppError.conflict('ONLINE_CHECKOUT_UNKNOWN', { ja: `決済セッションが見つかりません (${reference})`, en: `No checkout session is known for ${reference}` }),

  /** A refund asked of a payment that did not come through Stripe. */
  notOnlinePayment: (field: string) =>
    AppError.badInput(field, { ja: 'この入金はオンライン決済ではないため、返金できません', en: 'This payment was not made online and cannot be refunded through Stripe' }, 'NOT_ONLINE_PAYMENT'),

  refundExceedsRefundable: (field: string, refundable: bigint, currency: string) =>
    AppError.badInput(
      field,
      { ja: `返金できるのは ${yen(refundable, currency).ja} までです`, en: `At most ${yen(refundable, currency).en} can be refunded` },
      'REFUND_EXCEEDS_REFUNDABLE',
    ),

  /** Stripe refused the refund (its message kept): nothing was recorded. */
  refundRefused: (message: string) =>
    AppError.conflict('STRIPE_REFUND_REFUSED', { ja: `Stripe が返金を受け付けませんでした: ${message}`, en: `Stripe refused the refund: ${message}` }),

  /** Stripe took back more of a payment than it holds, or from a voided payment: staff must look. */
  takeBackExceedsPayment: (paymentId: string) =>
    AppError.conflict('ONLINE_TAKE_BACK_EXCEEDS_PAYMENT', {
      ja: `返金・チャージバックの合計が入金額を超えるか、入金が取り消されています (${paymentId})`,
      en: `Refunds and lost disputes exceed the payment, or the payment was voided (${paymentId})`,
    }),

  /** An event about a payment intent whose payment is not recorded yet: the job retries. */
  unknownPayment: (reference: string) =>
    AppError.conflict('ONLINE_PAYMENT_UNKNOWN', { ja: `入金が見つかりません (${reference})`, en: `No payment is known for ${reference}` }),

  /** Saved cards are the member's own: staff neither see nor remove them. */
  savedCardMemberOnly: () =>
    new AppError('FORBIDDEN', 'SAVED_CARD_MEMBER_ONLY', { ja: '保存済みのカードは会員本人だけが確認・削除できます', en: 'Only the member may see or remove their saved card' }),

  /** An auto-renew PaymentIntent whose attempt is not stored (yet): the job retries. */
  unknownAutoRenewCharge: (reference: string) =>
    AppError.conflict('ONLINE_AUTO_RENEW_UNKNOWN', { ja: `自動更新の決済が見つかりません (${reference})`, en: `No auto-renew charge is known for ${reference}` }),
};
