import { AppError, Money } from '#core';

const yen = (amount: bigint) => ({ ja: Money.of(amount).format('ja'), en: Money.of(amount).format('en') });

/** The donations library's errors: a stable `reason` each, text in Japanese and English. */
export const DonationsError = {
  fundNotFound: (id: string) => new AppError('NOT_FOUND', 'FUND_NOT_FOUND', { ja: `基金が見つかりません (${id})`, en: `Fund not found (${id})` }),
  donationNotFound: (id: string) => new AppError('NOT_FOUND', 'DONATION_NOT_FOUND', { ja: `寄附が見つかりません (${id})`, en: `Donation not found (${id})` }),
  monthlyGiftNotFound: (id: string) => new AppError('NOT_FOUND', 'MONTHLY_GIFT_NOT_FOUND', { ja: `毎月の寄附が見つかりません (${id})`, en: `Monthly gift not found (${id})` }),
  fundCodeTaken: (code: string) =>
    AppError.badInput('input.code', { ja: `基金コード ${code} は既に使われています`, en: `Fund code ${code} is already in use` }, 'FUND_CODE_TAKEN'),
  branchRequired: () =>
    AppError.badInput('input.branchId', { ja: '支部の基金には支部を指定してください', en: 'A branch fund needs its branch' }, 'FUND_BRANCH_REQUIRED'),
  branchNotAllowed: () =>
    AppError.badInput('input.branchId', { ja: '連合会・財団の基金には支部を指定できません', en: 'A federation or foundation fund has no branch' }, 'FUND_BRANCH_NOT_ALLOWED'),
  fundClosed: (field: string) =>
    AppError.badInput(field, { ja: 'この基金は現在寄附を受け付けていません', en: 'This fund is closed to new donations' }, 'FUND_CLOSED'),
  belowMinimum: (field: string, minimum: bigint) =>
    AppError.badInput(field, { ja: `寄附の最低金額は ${yen(minimum).ja} です`, en: `The minimum donation is ${yen(minimum).en}` }, 'DONATION_BELOW_MINIMUM'),
  aboveMaximum: (field: string, maximum: bigint) =>
    AppError.badInput(field, { ja: `オンラインの寄附は ${yen(maximum).ja} までです`, en: `An online donation is at most ${yen(maximum).en}` }, 'DONATION_ABOVE_MAXIMUM'),
  guestDetailsRequired: (field: string) =>
    AppError.badInput(field, { ja: 'サインインしていない場合はお名前・フリガナ・メールアドレス・住所を入力してください', en: 'Without signing in, give your name, its kana, e-mail and address' }, 'GUEST_DETAILS_REQUIRED'),
  guestDetailsNotAllowed: () =>
    AppError.badInput('input.guest', { ja: 'サインイン中の会員はお名前等を入力できません (会員情報を使います)', en: 'A signed-in member gives no guest details (the member record is used)' }, 'GUEST_DETAILS_NOT_ALLOWED'),
  tooManyGuestDonations: () =>
    new AppError('TOO_MANY_REQUESTS', 'DONATION_RATE_LIMITED', { ja: '短時間に寄附の申込みが多すぎます。しばらくしてからお試しください', en: 'Too many donation attempts. Please try again later' }),
  notRefundable: () =>
    AppError.badInput('donationId', { ja: 'この寄附はオンライン決済ではないか、まだ入金されていないため返金できません', en: 'This donation was not paid online or is not paid yet, and cannot be refunded' }, 'DONATION_NOT_REFUNDABLE'),
  refundExceeds: (refundable: bigint) =>
    AppError.badInput('amount', { ja: `返金できるのは ${yen(refundable).ja} までです`, en: `At most ${yen(refundable).en} can be refunded` }, 'REFUND_EXCEEDS_REFUNDABLE'),
  refundRefused: (message: string) =>
    AppError.conflict('STRIPE_REFUND_REFUSED', { ja: `Stripe が返金を受け付けませんでした: ${message}`, en: `Stripe refused the refund: ${message}` }),
  amountMismatch: (reference: string, asked: bigint, reported: string) =>
    AppError.conflict('ONLINE_AMOUNT_MISMATCH', { ja: `Stripe の決済額 (${reported}) が寄附額 (${yen(asked).ja}) と一致しません (${reference})`, en: `Stripe reported ${reported} where ${yen(asked).en} was given (${reference})` }),
  unknownDonation: (reference: string) =>
    AppError.conflict('DONATION_UNKNOWN', { ja: `寄附が見つかりません (${reference})`, en: `No donation is known for ${reference}` }),
  giftStatus: (action: string, status: string) =>
    AppError.conflict('MONTHLY_GIFT_STATUS', { ja: `状態 ${status} の毎月の寄附は${action}できません`, en: `A monthly gift that is ${status} cannot be ${action === '再開' ? 'resumed' : action === '一時停止' ? 'paused' : 'changed'}` }),
  notYours: () => AppError.forbidden({ ja: 'ご本人の寄附のみ操作できます', en: 'You may only change your own gifts' }),
};
