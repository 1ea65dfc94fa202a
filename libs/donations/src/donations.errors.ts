import { Money, errorCatalogue } from '#core';
import { OnlinePaymentsError, PaymentsError } from '#payments';

const yen = (amount: bigint) => ({ ja: Money.of(amount).format('ja'), en: Money.of(amount).format('en') });

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const DONATIONS_REASONS = errorCatalogue({
  FUND_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `基金が見つかりません (${id})`, en: (id: string) => `Fund not found (${id})` },
  DONATION_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `寄附が見つかりません (${id})`, en: (id: string) => `Donation not found (${id})` },
  MONTHLY_GIFT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `毎月の寄附が見つかりません (${id})`, en: (id: string) => `Monthly gift not found (${id})` },
  FUND_CODE_TAKEN: { code: 'BAD_USER_INPUT', ja: (code: string) => `基金コード ${code} は既に使われています`, en: (code: string) => `Fund code ${code} is already in use` },
  FUND_BRANCH_REQUIRED: { code: 'BAD_USER_INPUT', ja: '支部の基金には支部を指定してください', en: 'A branch fund needs its branch' },
  FUND_BRANCH_NOT_ALLOWED: { code: 'BAD_USER_INPUT', ja: '連合会・財団の基金には支部を指定できません', en: 'A federation or foundation fund has no branch' },
  FUND_CLOSED: { code: 'BAD_USER_INPUT', ja: 'この基金は現在寄附を受け付けていません', en: 'This fund is closed to new donations' },
  DONATION_BELOW_MINIMUM: {
    code: 'BAD_USER_INPUT',
    ja: (minimum: bigint) => `寄附の最低金額は ${yen(minimum).ja} です`,
    en: (minimum: bigint) => `The minimum donation is ${yen(minimum).en}`,
  },
  DONATION_ABOVE_MAXIMUM: {
    code: 'BAD_USER_INPUT',
    ja: (maximum: bigint) => `オンラインの寄附は ${yen(maximum).ja} までです`,
    en: (maximum: bigint) => `An online donation is at most ${yen(maximum).en}`,
  },
  GUEST_DETAILS_REQUIRED: {
    code: 'BAD_USER_INPUT',
    ja: 'サインインしていない場合はお名前・フリガナ・メールアドレス・住所を入力してください',
    en: 'Without signing in, give your name, its kana, e-mail and address',
  },
  GUEST_DETAILS_NOT_ALLOWED: {
    code: 'BAD_USER_INPUT',
    ja: 'サインイン中の会員はお名前等を入力できません (会員情報を使います)',
    en: 'A signed-in member gives no guest details (the member record is used)',
  },
  DONATION_RATE_LIMITED: { code: 'TOO_MANY_REQUESTS', ja: '短時間に寄附の申込みが多すぎます。しばらくしてからお試しください', en: 'Too many donation attempts. Please try again later' },
  DONATION_NOT_REFUNDABLE: {
    code: 'BAD_USER_INPUT',
    ja: 'この寄附はオンライン決済ではないか、まだ入金されていないため返金できません',
    en: 'This donation was not paid online or is not paid yet, and cannot be refunded',
  },
  DONATION_UNKNOWN: {
    code: 'CONFLICT',
    ja: (reference: string) => `寄附が見つかりません (${reference})`,
    en: (reference: string) => `No donation is known for ${reference}`,
  },
  MONTHLY_GIFT_STATUS: {
    code: 'CONFLICT',
    ja: (status: string, action: string) => `状態 ${status} の毎月の寄附は${action}できません`,
    en: (status: string, action: string) => `A monthly gift that is ${status} cannot be ${action === '再開' ? 'resumed' : action === '一時停止' ? 'paused' : 'changed'}`,
  },
  NOT_OWN_GIFT: { code: 'FORBIDDEN', reason: 'FORBIDDEN', ja: 'ご本人の寄附のみ操作できます', en: 'You may only change your own gifts' },
  FUND_RECORDER_ONLY: { code: 'FORBIDDEN', reason: 'FORBIDDEN', ja: 'この基金への寄附を記録する権限がありません', en: 'You may not record donations to this fund' },
  MONTHLY_GIFT_MEMBERS_ONLY: { code: 'FORBIDDEN', reason: 'FORBIDDEN', ja: '毎月の寄附には会員としてサインインしてください', en: 'Sign in as a member to give monthly' },
  DONOR_REQUIRED: { code: 'BAD_USER_INPUT', ja: '寄附者 (会員または氏名) を指定してください', en: 'Name the donor (a member, or a name)' },
  DONOR_TWICE: { code: 'BAD_USER_INPUT', ja: '会員を指定した場合は氏名を入力しないでください', en: 'Give either a member or a name, not both' },
});

const R = DONATIONS_REASONS;

/** The donations library's errors: a stable `reason` each, text in Japanese and English. */
export const DonationsError = {
  fundNotFound: (id: string) => R.FUND_NOT_FOUND.error(id),
  donationNotFound: (id: string) => R.DONATION_NOT_FOUND.error(id),
  monthlyGiftNotFound: (id: string) => R.MONTHLY_GIFT_NOT_FOUND.error(id),
  fundCodeTaken: (code: string) => R.FUND_CODE_TAKEN.at('input.code', code),
  branchRequired: () => R.FUND_BRANCH_REQUIRED.at('input.branchId'),
  branchNotAllowed: () => R.FUND_BRANCH_NOT_ALLOWED.at('input.branchId'),
  fundClosed: (field: string) => R.FUND_CLOSED.at(field),
  belowMinimum: (field: string, minimum: bigint) => R.DONATION_BELOW_MINIMUM.at(field, minimum),
  aboveMaximum: (field: string, maximum: bigint) => R.DONATION_ABOVE_MAXIMUM.at(field, maximum),
  guestDetailsRequired: (field: string) => R.GUEST_DETAILS_REQUIRED.at(field),
  guestDetailsNotAllowed: () => R.GUEST_DETAILS_NOT_ALLOWED.at('input.guest'),
  tooManyGuestDonations: () => R.DONATION_RATE_LIMITED.error(),
  notRefundable: () => R.DONATION_NOT_REFUNDABLE.at('donationId'),
  /** The payments library's reasons (one definition each): a gift is refunded through Stripe like a payment. */
  refundExceeds: (refundable: bigint) => OnlinePaymentsError.refundExceedsRefundable('amount', refundable, 'JPY'),
  refundNotPositive: () => OnlinePaymentsError.refundNotPositive('amount'),
  receivedInFuture: () => PaymentsError.futureDate('input.receivedOn'),
  refundRefused: (message: string) => OnlinePaymentsError.refundRefused(message),
  amountMismatch: (reference: string, asked: bigint, reported: string) => OnlinePaymentsError.giftAmountMismatch(reference, yen(asked), reported),
  /** The members library's MEMBER_NOT_FOUND and the federation library's BRANCH_NOT_FOUND (one definition each), as refused inputs. */
  memberNotFoundAt: (field: string, id: string) => PaymentsError.memberNotFoundAt(field, id),
  branchNotFoundAt: (field: string, id: string) => PaymentsError.branchNotFoundAt(field, id),
  unknownDonation: (reference: string) => R.DONATION_UNKNOWN.error(reference),
  giftStatus: (action: string, status: string) => R.MONTHLY_GIFT_STATUS.error(status, action),
  notYours: () => R.NOT_OWN_GIFT.error(),
  notFundRecorder: () => R.FUND_RECORDER_ONLY.error(),
  monthlyGiftMembersOnly: () => R.MONTHLY_GIFT_MEMBERS_ONLY.error(),
  /** A fund id in an input that names no fund. */
  fundNotFoundAt: (field: string, id: string) => R.FUND_NOT_FOUND.input(field, id),
};
