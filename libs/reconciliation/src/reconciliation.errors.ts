import { AppError, errorCatalogue } from '#core';
import type { StatementFormatError } from './statement-format.js';

/** This library's reasons: the key is the reason clients see (INVALID_FIELD entries excepted), with its category and Japanese and English text. */
export const RECONCILIATION_REASONS = errorCatalogue({
  STATEMENT_NOT_BASE64: { code: 'BAD_USER_INPUT', ja: 'ファイルの内容が base64 ではありません', en: 'The file content is not base64' },
  STATEMENT_ACCOUNT_UNKNOWN: {
    code: 'BAD_USER_INPUT',
    ja: (line: number, account: string) => `${line} 行目: 口座 ${account} は登録されていません。何も取り込んでいません`,
    en: (line: number, account: string) => `Line ${line}: the account ${account} is not registered. Nothing was imported`,
  },
  STATEMENT_ACCOUNT_OF_ANOTHER_BRANCH: {
    code: 'BAD_USER_INPUT',
    ja: (line: number, account: string) => `${line} 行目: 口座 ${account} は別の支部の口座です。何も取り込んでいません`,
    en: (line: number, account: string) => `Line ${line}: the account ${account} belongs to another branch. Nothing was imported`,
  },
  STATEMENT_UNKNOWN_PROFILE: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `CSV プロファイル ${code} はありません`,
    en: (code: string) => `There is no CSV profile ${code}`,
  },
  STATEMENT_BANK_ACCOUNT_REQUIRED: { code: 'BAD_USER_INPUT', ja: 'CSV の明細にはどの口座の明細かを指定してください', en: 'A CSV statement needs the bank account it is of' },
  RECONCILIATION_DATE: { code: 'BAD_USER_INPUT', ja: '日付は YYYY-MM-DD で指定してください', en: 'The date is YYYY-MM-DD' },
  RECONCILIATION_MONTH: { code: 'BAD_USER_INPUT', ja: '月は YYYY-MM で指定してください', en: 'The month is YYYY-MM' },
  RECONCILIATION_DIFFERENCE: {
    code: 'CONFLICT',
    ja: (difference: bigint, lines: number) => `通帳と帳簿の残高が ${difference} 円合いません (未処理の明細 ${lines} 件)。一致してから月を締めてください`,
    en: (difference: bigint, lines: number) => `The bank and the ledger differ by ${difference} yen (${lines} unsettled lines); close the month once they agree`,
  },
  BANK_ACCOUNT_TAKEN: { code: 'BAD_USER_INPUT', ja: 'この口座は既に登録されています', en: 'This bank account is already registered' },
  BANK_ACCOUNT_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `口座が見つかりません (${id})`, en: (id: string) => `Bank account not found (${id})` },
  STATEMENT_LINE_NOT_FOUND: { code: 'NOT_FOUND', ja: (id: string) => `明細行が見つかりません (${id})`, en: (id: string) => `Statement line not found (${id})` },
  STATEMENT_LINE_SETTLED: {
    code: 'CONFLICT',
    ja: (status: string) => `この明細行は既に処理済みです (${status})。先に取り消してください`,
    en: (status: string) => `This line is already settled (${status}); unconfirm it first`,
  },
  STATEMENT_LINE_NOT_CONFIRMED: { code: 'CONFLICT', ja: 'この明細行は消込されていません', en: 'This line is not confirmed' },
  STATEMENT_LINE_NOT_INCOMING: { code: 'BAD_USER_INPUT', ja: '出金の明細行は請求書に消し込めません', en: 'An outgoing line cannot pay invoices' },
  STATEMENT_NO_ALLOCATION: { code: 'BAD_USER_INPUT', ja: '消込先の請求書を指定してください (候補がありません)', en: 'Name the invoices this line pays (there is no suggestion)' },
  STATEMENT_ALLOCATION_TOTAL: {
    code: 'BAD_USER_INPUT',
    ja: (total: bigint, amount: bigint) => `配分の合計 ${total} が明細の金額 ${amount} と合いません`,
    en: (total: bigint, amount: bigint) => `The allocations total ${total}, the line ${amount}`,
  },
  STATEMENT_UNKNOWN_INVOICE: { code: 'BAD_USER_INPUT', ja: '請求書が見つかりません', en: 'No such invoice' },
  STATEMENT_ACCOUNT_CODE: { code: 'BAD_USER_INPUT', ja: '勘定科目コードは 4〜6 桁の数字です', en: 'The account code is 4 to 6 digits' },
  STATEMENT_ACCOUNT_NOT_IN_BOOK: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code} はこの帳簿にありません`,
    en: (code: string) => `The book has no account ${code}`,
  },
  STATEMENT_ACCOUNT_NOT_POSTABLE: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code} には明細から計上できません (預金、未収会費、他会計、指定寄附金の科目)`,
    en: (code: string) => `A bank line cannot be posted to ${code} (the bank, dues receivable, inter-book or restricted-fund accounts)`,
  },
  STATEMENT_SETTLEMENT_TAKEN: {
    code: 'CONFLICT',
    ja: (settlementId: string) => `精算 ${settlementId} は既に別の明細に消し込まれています`,
    en: (settlementId: string) => `The settlement ${settlementId} is already matched to another line`,
  },
  STATEMENT_SETTLEMENT_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    ja: (settlementId: string) => `この口座の支部の連合会への精算 ${settlementId} が明細の日付の前後 31 日にありません`,
    en: (settlementId: string) => `No settlement ${settlementId} of this account's branch to the federation within 31 days of the line`,
  },
  STATEMENT_SETTLEMENT_AMOUNT: {
    code: 'BAD_USER_INPUT',
    ja: (settlement: bigint, line: bigint) => `精算額 ${settlement} 円が明細の金額 ${line} 円と違います`,
    en: (settlement: bigint, line: bigint) => `The settlement is ${settlement} yen, the line ${line} yen`,
  },
  STATEMENT_LINE_NOT_OUTGOING: { code: 'BAD_USER_INPUT', ja: '入金の明細行は精算の振込ではありません', en: 'An incoming line is not a settlement transfer' },
  STATEMENT_PAYOUT_TAKEN: {
    code: 'CONFLICT',
    ja: (payoutId: string) => `Stripe の入金 ${payoutId} は既に別の明細に消し込まれています`,
    en: (payoutId: string) => `The Stripe payout ${payoutId} is already matched to another line`,
  },
  STATEMENT_PAYOUT_NOT_FOUND: {
    code: 'BAD_USER_INPUT',
    ja: (payoutId: string) => `Stripe の入金 ${payoutId} が見つかりません`,
    en: (payoutId: string) => `No Stripe payout ${payoutId}`,
  },
  STATEMENT_PAYOUT_AMOUNT: {
    code: 'BAD_USER_INPUT',
    ja: (payout: bigint, line: bigint) => `Stripe の入金額 ${payout} 円が明細の金額 ${line} 円と違います`,
    en: (payout: bigint, line: bigint) => `The payout is ${payout} yen, the line ${line} yen`,
  },
  MAPPING_ACCOUNT_NOT_IN_BOOK: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `勘定科目 ${code} はこの帳簿にありません`,
    en: (code: string) => `The book has no account ${code}`,
  },
  RECONCILIATION_DATE_RANGE: { code: 'BAD_USER_INPUT', ja: '終了日は開始日以降にしてください', en: 'The end date is on or after the start date' },
  EXPORT_TOO_LARGE: {
    code: 'BAD_USER_INPUT',
    ja: (max: number) => `仕訳が ${max} 件を超えます。期間を短くするか CLI (journal:export) を使ってください`,
    en: (max: number) => `More than ${max} entries: shorten the range or use the CLI (journal:export)`,
  },
  STATEMENT_PAYMENT_NOT_LINKABLE: {
    code: 'BAD_USER_INPUT',
    ja: 'この支部帳簿の記録済みの銀行振込だけを明細に結び付けられます',
    en: "Only a recorded bank transfer of this branch's book can be linked to a line",
  },
  STATEMENT_PAYMENT_AMOUNT: {
    code: 'BAD_USER_INPUT',
    ja: (payment: bigint, line: bigint) => `入金額 ${payment} 円が明細の金額 ${line} 円と違います`,
    en: (payment: bigint, line: bigint) => `The payment is ${payment} yen, the line ${line} yen`,
  },
  STATEMENT_PAYMENT_TAKEN: { code: 'CONFLICT', ja: 'この入金は既に別の明細に結び付いています', en: 'This payment is already linked to another line' },
  STATEMENT_INVOICE_TWICE: {
    code: 'BAD_USER_INPUT',
    ja: 'この明細の請求書は、一緒に消し込む別の明細にも含まれています',
    en: 'This line pays an invoice another line of the same confirmation pays too',
  },
  CSV_PROFILE_BUILT_IN: {
    code: 'BAD_USER_INPUT',
    ja: (code: string) => `${code} は組み込みのプロファイルです。別のコードにしてください`,
    en: (code: string) => `${code} is a built-in profile; use another code`,
  },
  CSV_PROFILE_AMOUNT_COLUMNS: {
    code: 'BAD_USER_INPUT',
    ja: '金額は「金額」列 1 つか、「入金」と「出金」の 2 列のどちらかで指定してください',
    en: 'Give either one signed amount column or both the in and out columns',
  },
  CSV_PROFILE_COLUMNS_REPEAT: { code: 'BAD_USER_INPUT', ja: '同じ列名が 2 回使われています', en: 'A column name is used twice' },
});

const R = RECONCILIATION_REASONS;

/** The reconciliation library's errors: a stable `reason` each, text in Japanese and English. */
export const ReconciliationError = {
  fileRefused: (e: StatementFormatError) =>
    AppError.badInput('input.content', { ja: `${e.line} 行目: ${e.ja}。何も取り込んでいません`, en: `Line ${e.line}: ${e.en}. Nothing was imported` }, `STATEMENT_${e.reason}`),
  contentNotBase64: () => R.STATEMENT_NOT_BASE64.at('input.content'),
  unknownAccount: (line: number, account: string) => R.STATEMENT_ACCOUNT_UNKNOWN.at('input.content', line, account),
  accountOfAnotherBranch: (line: number, account: string) => R.STATEMENT_ACCOUNT_OF_ANOTHER_BRANCH.at('input.content', line, account),
  unknownProfile: (code: string) => R.STATEMENT_UNKNOWN_PROFILE.at('input.csvProfile', code),
  bankAccountRequired: () => R.STATEMENT_BANK_ACCOUNT_REQUIRED.at('input.bankAccountId'),
  date: (field: string) => R.RECONCILIATION_DATE.at(field),
  month: () => R.RECONCILIATION_MONTH.at('month'),
  doesNotAgree: (difference: bigint, lines: number) => R.RECONCILIATION_DIFFERENCE.error(difference, lines),
  bankAccountTaken: () => R.BANK_ACCOUNT_TAKEN.at('input.accountNumber'),
  bankAccountNotFound: (id: string) => R.BANK_ACCOUNT_NOT_FOUND.error(id),
  lineNotFound: (id: string) => R.STATEMENT_LINE_NOT_FOUND.error(id),
  lineSettled: (status: string) => R.STATEMENT_LINE_SETTLED.error(status),
  lineNotConfirmed: () => R.STATEMENT_LINE_NOT_CONFIRMED.error(),
  notIncoming: () => R.STATEMENT_LINE_NOT_INCOMING.at('input.lineId'),
  noAllocation: () => R.STATEMENT_NO_ALLOCATION.at('input.allocations'),
  allocationTotal: (total: bigint, amount: bigint) => R.STATEMENT_ALLOCATION_TOTAL.at('input.allocations', total, amount),
  unknownInvoice: (index: number) => R.STATEMENT_UNKNOWN_INVOICE.at(`input.allocations.${index}.invoiceId`),
  accountCode: () => R.STATEMENT_ACCOUNT_CODE.at('input.accountCode'),
  accountNotInBook: (code: string) => R.STATEMENT_ACCOUNT_NOT_IN_BOOK.at('input.accountCode', code),
  accountNotPostable: (code: string) => R.STATEMENT_ACCOUNT_NOT_POSTABLE.at('input.accountCode', code),
  settlementTaken: (settlementId: string) => R.STATEMENT_SETTLEMENT_TAKEN.error(settlementId),
  settlementNotFound: (settlementId: string) => R.STATEMENT_SETTLEMENT_NOT_FOUND.at('input.settlementId', settlementId),
  settlementAmount: (settlement: bigint, line: bigint) => R.STATEMENT_SETTLEMENT_AMOUNT.at('input.settlementId', settlement, line),
  notOutgoing: () => R.STATEMENT_LINE_NOT_OUTGOING.at('input.lineId'),
  payoutTaken: (payoutId: string) => R.STATEMENT_PAYOUT_TAKEN.error(payoutId),
  payoutNotFound: (payoutId: string) => R.STATEMENT_PAYOUT_NOT_FOUND.at('input.payoutId', payoutId),
  payoutAmount: (payout: bigint, line: bigint) => R.STATEMENT_PAYOUT_AMOUNT.at('input.payoutId', payout, line),
  mappingAccount: (index: number, code: string) => R.MAPPING_ACCOUNT_NOT_IN_BOOK.at(`input.entries.${index}.accountCode`, code),
  dateRange: () => R.RECONCILIATION_DATE_RANGE.at('to'),
  exportTooLarge: (max: number) => R.EXPORT_TOO_LARGE.at('to', max),
  paymentNotLinkable: () => R.STATEMENT_PAYMENT_NOT_LINKABLE.at('input.paymentId'),
  paymentAmount: (payment: bigint, line: bigint) => R.STATEMENT_PAYMENT_AMOUNT.at('input.paymentId', payment, line),
  paymentTaken: () => R.STATEMENT_PAYMENT_TAKEN.error(),
  invoiceTwice: () => R.STATEMENT_INVOICE_TWICE.at('lineIds'),
  profileBuiltIn: (code: string) => R.CSV_PROFILE_BUILT_IN.at('input.code', code),
  profileAmountColumns: () => R.CSV_PROFILE_AMOUNT_COLUMNS.at('input.amount'),
  profileColumnsRepeat: () => R.CSV_PROFILE_COLUMNS_REPEAT.at('input'),
};
