import { AppError } from '#core';

/** The ledger's own reasons (`extensions.reason`), each with a Japanese and English text. */
export const LedgerError = {
  unbalanced(field: string, debit: bigint, credit: bigint): AppError {
    return AppError.badInput(
      field,
      {
        ja: `借方合計 (${debit}) と貸方合計 (${credit}) が一致しません`,
        en: `Debits (${debit}) and credits (${credit}) do not balance`,
      },
      'UNBALANCED_ENTRY',
    );
  },
  tooFewLines(field: string): AppError {
    return AppError.badInput(field, { ja: '仕訳には2行以上必要です', en: 'An entry needs at least two lines' }, 'TOO_FEW_LINES');
  },
  invalidAmount(field: string): AppError {
    return AppError.badInput(field, { ja: '金額は正の整数で入力してください', en: 'Amount must be a whole number greater than zero' }, 'INVALID_AMOUNT');
  },
  invalidSide(field: string): AppError {
    return AppError.badInput(field, { ja: '借方 (DEBIT) か貸方 (CREDIT) を指定してください', en: 'Side must be DEBIT or CREDIT' }, 'INVALID_SIDE');
  },
  invalidDate(field: string): AppError {
    return AppError.badInput(field, { ja: '日付の形式が正しくありません (YYYY-MM-DD)', en: 'Not a date (YYYY-MM-DD)' }, 'INVALID_DATE');
  },
  required(field: string): AppError {
    return AppError.badInput(field, { ja: '入力してください', en: `${field} is required` }, 'REQUIRED');
  },
  unknownAccount(field: string, code: string): AppError {
    return AppError.badInput(
      field,
      { ja: `勘定科目コード ${code} はこの帳簿にありません`, en: `Account code ${code} does not exist in this book` },
      'UNKNOWN_ACCOUNT',
    );
  },
  counterpartyRequired(field: string, code: string): AppError {
    return AppError.badInput(
      field,
      { ja: `勘定科目 ${code} の行には相手の帳簿が必要です`, en: `Lines on account ${code} must name the other book` },
      'COUNTERPARTY_REQUIRED',
    );
  },
  counterpartyIsSelf(field: string): AppError {
    return AppError.badInput(field, { ja: '相手の帳簿に自分の帳簿は指定できません', en: 'The other book cannot be this book' }, 'COUNTERPARTY_IS_SELF');
  },
  fundRequired(field: string, code: string): AppError {
    return AppError.badInput(
      field,
      { ja: `勘定科目 ${code} の行には基金コードが必要です`, en: `Lines on account ${code} must name the fund` },
      'FUND_REQUIRED',
    );
  },
  currencyMismatch(field: string, bookCurrency: string, given: string): AppError {
    return AppError.badInput(
      field,
      { ja: `通貨 ${given} はこの帳簿の通貨 ${bookCurrency} と異なります`, en: `Currency ${given} differs from the book's currency ${bookCurrency}` },
      'CURRENCY_MISMATCH',
    );
  },
  periodClosed(field: string, month: string): AppError {
    return AppError.badInput(
      field,
      { ja: `${month.slice(0, 7)} は締め済みの会計期間です`, en: `The period ${month.slice(0, 7)} is closed` },
      'PERIOD_CLOSED',
    );
  },
  periodNotEnded(field: string, month: string): AppError {
    return AppError.badInput(
      field,
      { ja: `${month.slice(0, 7)} はまだ終わっていないため締められません`, en: `The month ${month.slice(0, 7)} has not ended yet and cannot be closed` },
      'PERIOD_NOT_ENDED',
    );
  },
  invalidMonth(field: string): AppError {
    return AppError.badInput(field, { ja: '月の形式が正しくありません (YYYY-MM)', en: 'Not a month (YYYY-MM)' }, 'INVALID_MONTH');
  },
  periodAlreadyClosed(month: string): AppError {
    return AppError.conflict('PERIOD_ALREADY_CLOSED', { ja: `${month.slice(0, 7)} はすでに締められています`, en: `The period ${month.slice(0, 7)} is already closed` });
  },
  periodNotClosed(month: string): AppError {
    return AppError.conflict('PERIOD_NOT_CLOSED', { ja: `${month.slice(0, 7)} は締められていません`, en: `The period ${month.slice(0, 7)} is not closed` });
  },
  accountCodeTaken(field: string, code: string): AppError {
    return AppError.badInput(
      field,
      { ja: `勘定科目コード ${code} はこの帳簿ですでに使われています`, en: `Account code ${code} is already used in this book` },
      'ACCOUNT_CODE_TAKEN',
    );
  },
  alreadyReversed(entryId: string): AppError {
    return AppError.conflict('ENTRY_ALREADY_REVERSED', {
      ja: `仕訳 ${entryId} はすでに取り消されています`,
      en: `Journal entry ${entryId} has already been reversed`,
    });
  },
  /** Business entries (payment, invoice, settlement…) are reversed by voiding what they record, never by hand. */
  notManualEntry(field: string, source: string): AppError {
    return AppError.badInput(
      field,
      {
        ja: `この仕訳は業務取引（${source}）の仕訳のため手動では取り消せません。入金・請求・精算などの取消から取り消してください`,
        en: `This is a ${source} entry, not a manual one: reverse it by voiding the payment, invoice or settlement it records`,
      },
      'ENTRY_NOT_MANUAL',
    );
  },
  /** What books owe each other (1500/2200) moves only with dues shares and settlements, which post both books at once. */
  interBookAccountManual(field: string, code: string): AppError {
    return AppError.badInput(
      field,
      {
        ja: `勘定科目 ${code}（他会計未収金・未払金）には手動で仕訳できません。帳簿間の貸借は会費の配分と精算だけで動きます`,
        en: `Account ${code} (due from / due to other books) takes no manual entries: only dues shares and settlements move what books owe each other`,
      },
      'INTER_BOOK_ACCOUNT_MANUAL',
    );
  },
  idempotencyKeyReused(field: string): AppError {
    const text = { ja: 'この冪等キーは別の内容の仕訳ですでに使われています', en: 'This idempotency key was already used for a different entry' };
    return new AppError('CONFLICT', 'IDEMPOTENCY_KEY_REUSED', text, [{ field, messages: [text] }]);
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
