import { AppError, errorCatalogue } from '#core';

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const LEDGER_REASONS = errorCatalogue({
  UNBALANCED_ENTRY: {
    code: 'BAD_USER_INPUT',
    ja: (debit: bigint, credit: bigint) => `借方合計 (${debit}) と貸方合計 (${credit}) が一致しません`,
    en: (debit: bigint, credit: bigint) => `Debits (${debit}) and credits (${credit}) do not balance`,
  },
  TOO_FEW_LINES: { code: 'BAD_USER_INPUT', ja: '仕訳には2行以上必要です', en: 'An entry needs at least two lines' },
  INVALID_AMOUNT: { code: 'BAD_USER_INPUT', ja: '金額は正の整数で入力してください', en: 'Amount must be a whole number greater than zero' },
  INVALID_SIDE: { code: 'BAD_USER_INPUT', ja: '借方 (DEBIT) か貸方 (CREDIT) を指定してください', en: 'Side must be DEBIT or CREDIT' },
  INVALID_DATE: { code: 'BAD_USER_INPUT', ja: '日付の形式が正しくありません (YYYY-MM-DD)', en: 'Not a date (YYYY-MM-DD)' },
  REQUIRED: { code: 'BAD_USER_INPUT', ja: (field: string) => '入力してください', en: (field: string) => `${field} is required` },
  UNKNOWN_ACCOUNT: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目コード ${code} はこの帳簿にありません`,
    en: (code: string) => `Account code ${code} does not exist in this book`,
  },
  COUNTERPARTY_REQUIRED: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code} の行には相手の帳簿が必要です`,
    en: (code: string) => `Lines on account ${code} must name the other book`,
  },
  COUNTERPARTY_IS_SELF: { code: 'BAD_USER_INPUT', ja: '相手の帳簿に自分の帳簿は指定できません', en: 'The other book cannot be this book' },
  FUND_REQUIRED: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code} の行には基金コードが必要です`,
    en: (code: string) => `Lines on account ${code} must name the fund`,
  },
  CURRENCY_MISMATCH: {
    code: 'BAD_USER_INPUT',
    ja: (given: string, bookCurrency: string) => `通貨 ${given} はこの帳簿の通貨 ${bookCurrency} と異なります`,
    en: (given: string, bookCurrency: string) => `Currency ${given} differs from the book's currency ${bookCurrency}`,
  },
  PERIOD_CLOSED: {
    code: 'BAD_USER_INPUT',
    ja: (month: string) => `${month.slice(0, 7)} は締め済みの会計期間です`,
    en: (month: string) => `The period ${month.slice(0, 7)} is closed`,
  },
  PERIOD_NOT_ENDED: {
    code: 'BAD_USER_INPUT',
    ja: (month: string) => `${month.slice(0, 7)} はまだ終わっていないため締められません`,
    en: (month: string) => `The month ${month.slice(0, 7)} has not ended yet and cannot be closed`,
  },
  INVALID_MONTH: { code: 'BAD_USER_INPUT', ja: '月の形式が正しくありません (YYYY-MM)', en: 'Not a month (YYYY-MM)' },
  PERIOD_ALREADY_CLOSED: {
    code: 'CONFLICT',
    ja: (month: string) => `${month.slice(0, 7)} はすでに締められています`,
    en: (month: string) => `The period ${month.slice(0, 7)} is already closed`,
  },
  PERIOD_NOT_CLOSED: {
    code: 'CONFLICT',
    ja: (month: string) => `${month.slice(0, 7)} は締められていません`,
    en: (month: string) => `The period ${month.slice(0, 7)} is not closed`,
  },
  ACCOUNT_CODE_TAKEN: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目コード ${code} はこの帳簿ですでに使われています`,
    en: (code: string) => `Account code ${code} is already used in this book`,
  },
  ENTRY_ALREADY_REVERSED: {
    code: 'CONFLICT',
    ja: (entryId: string) => `仕訳 ${entryId} はすでに取り消されています`,
    en: (entryId: string) => `Journal entry ${entryId} has already been reversed`,
  },
  ENTRY_NOT_MANUAL: {
    code: 'BAD_USER_INPUT',
    ja: (source: string) => `この仕訳は業務取引（${source}）の仕訳のため手動では取り消せません。入金・請求・精算などの取消から取り消してください`,
    en: (source: string) => `This is a ${source} entry, not a manual one: reverse it by voiding the payment, invoice or settlement it records`,
  },
  INTER_BOOK_ACCOUNT_MANUAL: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code}（他会計未収金・未払金）には手動で仕訳できません。帳簿間の貸借は会費の配分と精算だけで動きます`,
    en: (code: string) => `Account ${code} (due from / due to other books) takes no manual entries: only dues shares and settlements move what books owe each other`,
  },
  BRANCH_BOOK_NEEDS_BRANCH: {
    code: 'BAD_USER_INPUT',
    reason: 'INVALID_FIELD',
    ja: '支部の帳簿には支部が必要です (支部以外には不要)',
    en: 'A branch book needs a branch; other books have none',
  },
  IDEMPOTENCY_KEY_REUSED: { code: 'CONFLICT', ja: 'この冪等キーは別の内容のリクエストですでに使われています', en: 'This idempotency key was already used for a different request' },
  BOOK_NOT_IN_SCOPE: { code: 'FORBIDDEN', ja: 'この帳簿を扱う権限がありません', en: 'You do not have access to this book' },
});

const R = LEDGER_REASONS;

/** The ledger's own reasons (`extensions.reason`), each with a Japanese and English text. */
export const LedgerError = {
  unbalanced(field: string, debit: bigint, credit: bigint): AppError {
    return R.UNBALANCED_ENTRY.at(field, debit, credit);
  },
  tooFewLines(field: string): AppError {
    return R.TOO_FEW_LINES.at(field);
  },
  invalidAmount(field: string): AppError {
    return R.INVALID_AMOUNT.at(field);
  },
  invalidSide(field: string): AppError {
    return R.INVALID_SIDE.at(field);
  },
  invalidDate(field: string): AppError {
    return R.INVALID_DATE.at(field);
  },
  required(field: string): AppError {
    return R.REQUIRED.at(field, field);
  },
  unknownAccount(field: string, code: string): AppError {
    return R.UNKNOWN_ACCOUNT.at(field, code);
  },
  counterpartyRequired(field: string, code: string): AppError {
    return R.COUNTERPARTY_REQUIRED.at(field, code);
  },
  counterpartyIsSelf(field: string): AppError {
    return R.COUNTERPARTY_IS_SELF.at(field);
  },
  fundRequired(field: string, code: string): AppError {
    return R.FUND_REQUIRED.at(field, code);
  },
  currencyMismatch(field: string, bookCurrency: string, given: string): AppError {
    return R.CURRENCY_MISMATCH.at(field, given, bookCurrency);
  },
  periodClosed(field: string, month: string): AppError {
    return R.PERIOD_CLOSED.at(field, month);
  },
  periodNotEnded(field: string, month: string): AppError {
    return R.PERIOD_NOT_ENDED.at(field, month);
  },
  invalidMonth(field: string): AppError {
    return R.INVALID_MONTH.at(field);
  },
  periodAlreadyClosed(month: string): AppError {
    return R.PERIOD_ALREADY_CLOSED.error(month);
  },
  periodNotClosed(month: string): AppError {
    return R.PERIOD_NOT_CLOSED.error(month);
  },
  accountCodeTaken(field: string, code: string): AppError {
    return R.ACCOUNT_CODE_TAKEN.at(field, code);
  },
  alreadyReversed(entryId: string): AppError {
    return R.ENTRY_ALREADY_REVERSED.error(entryId);
  },
  /** Business entries (payment, invoice, settlement…) are reversed by voiding what they record, never by hand. */
  notManualEntry(field: string, source: string): AppError {
    return R.ENTRY_NOT_MANUAL.at(field, source);
  },
  /** What books owe each other (1500/2200) moves only with dues shares and settlements, which post both books at once. */
  interBookAccountManual(field: string, code: string): AppError {
    return R.INTER_BOOK_ACCOUNT_MANUAL.at(field, code);
  },
  /** On the input's key field, or (payments) naming no field. */
  idempotencyKeyReused(field?: string): AppError {
    return field ? R.IDEMPOTENCY_KEY_REUSED.at(field) : R.IDEMPOTENCY_KEY_REUSED.error();
  },
  bookNotFound(bookId: string): AppError {
    return AppError.notFound('Book', bookId);
  },
  accountNotFound(accountId: string): AppError {
    return AppError.notFound('Account', accountId);
  },
  entryNotFound(entryId: string): AppError {
    return AppError.notFound('JournalEntry', entryId);
  },
};
