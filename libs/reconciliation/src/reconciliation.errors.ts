import { AppError } from '#core';
import type { StatementFormatError } from './statement-format.js';

/** The reconciliation library's errors: a stable `reason` each, text in Japanese and English. */
export const ReconciliationError = {
  fileRefused: (e: StatementFormatError) =>
    AppError.badInput('input.content', { ja: `${e.line} 行目: ${e.ja}。何も取り込んでいません`, en: `Line ${e.line}: ${e.en}. Nothing was imported` }, `STATEMENT_${e.reason}`),
  contentNotBase64: () =>
    AppError.badInput('input.content', { ja: 'ファイルの内容が base64 ではありません', en: 'The file content is not base64' }, 'STATEMENT_NOT_BASE64'),
  unknownAccount: (line: number, account: string) =>
    AppError.badInput(
      'input.content',
      { ja: `${line} 行目: 口座 ${account} は登録されていません。何も取り込んでいません`, en: `Line ${line}: the account ${account} is not registered. Nothing was imported` },
      'STATEMENT_ACCOUNT_UNKNOWN',
    ),
  accountOfAnotherBranch: (line: number, account: string) =>
    AppError.badInput(
      'input.content',
      { ja: `${line} 行目: 口座 ${account} は別の支部の口座です。何も取り込んでいません`, en: `Line ${line}: the account ${account} belongs to another branch. Nothing was imported` },
      'STATEMENT_ACCOUNT_OF_ANOTHER_BRANCH',
    ),
  unknownProfile: (code: string) =>
    AppError.badInput('input.csvProfile', { ja: `CSV プロファイル ${code} はありません`, en: `There is no CSV profile ${code}` }, 'STATEMENT_UNKNOWN_PROFILE'),
  bankAccountRequired: () =>
    AppError.badInput('input.bankAccountId', { ja: 'CSV の明細にはどの口座の明細かを指定してください', en: 'A CSV statement needs the bank account it is of' }, 'STATEMENT_BANK_ACCOUNT_REQUIRED'),
  date: (field: string) => AppError.badInput(field, { ja: '日付は YYYY-MM-DD で指定してください', en: 'The date is YYYY-MM-DD' }, 'RECONCILIATION_DATE'),
  month: () => AppError.badInput('month', { ja: '月は YYYY-MM で指定してください', en: 'The month is YYYY-MM' }, 'RECONCILIATION_MONTH'),
  doesNotAgree: (difference: bigint, lines: number) =>
    AppError.conflict('RECONCILIATION_DIFFERENCE', {
      ja: `通帳と帳簿の残高が ${difference} 円合いません (未処理の明細 ${lines} 件)。一致してから月を締めてください`,
      en: `The bank and the ledger differ by ${difference} yen (${lines} unsettled lines); close the month once they agree`,
    }),
  bankAccountTaken: () =>
    AppError.badInput('input.accountNumber', { ja: 'この口座は既に登録されています', en: 'This bank account is already registered' }, 'BANK_ACCOUNT_TAKEN'),
  bankAccountNotFound: (id: string) => new AppError('NOT_FOUND', 'BANK_ACCOUNT_NOT_FOUND', { ja: `口座が見つかりません (${id})`, en: `Bank account not found (${id})` }),
  lineNotFound: (id: string) => new AppError('NOT_FOUND', 'STATEMENT_LINE_NOT_FOUND', { ja: `明細行が見つかりません (${id})`, en: `Statement line not found (${id})` }),
  lineSettled: (status: string) =>
    AppError.conflict('STATEMENT_LINE_SETTLED', { ja: `この明細行は既に処理済みです (${status})。先に取り消してください`, en: `This line is already settled (${status}); unconfirm it first` }),
  lineNotConfirmed: () => AppError.conflict('STATEMENT_LINE_NOT_CONFIRMED', { ja: 'この明細行は消込されていません', en: 'This line is not confirmed' }),
  notIncoming: () =>
    AppError.badInput('input.lineId', { ja: '出金の明細行は請求書に消し込めません', en: 'An outgoing line cannot pay invoices' }, 'STATEMENT_LINE_NOT_INCOMING'),
  noAllocation: () =>
    AppError.badInput('input.allocations', { ja: '消込先の請求書を指定してください (候補がありません)', en: 'Name the invoices this line pays (there is no suggestion)' }, 'STATEMENT_NO_ALLOCATION'),
  allocationTotal: (total: bigint, amount: bigint) =>
    AppError.badInput(
      'input.allocations',
      { ja: `配分の合計 ${total} が明細の金額 ${amount} と合いません`, en: `The allocations total ${total}, the line ${amount}` },
      'STATEMENT_ALLOCATION_TOTAL',
    ),
  unknownInvoice: (index: number) =>
    AppError.badInput(`input.allocations.${index}.invoiceId`, { ja: '請求書が見つかりません', en: 'No such invoice' }, 'STATEMENT_UNKNOWN_INVOICE'),
  accountCode: () =>
    AppError.badInput('input.accountCode', { ja: '勘定科目コードは 4〜6 桁の数字です', en: 'The account code is 4 to 6 digits' }, 'STATEMENT_ACCOUNT_CODE'),
  accountNotInBook: (code: string) =>
    AppError.badInput('input.accountCode', { ja: `勘定科目 ${code} はこの帳簿にありません`, en: `The book has no account ${code}` }, 'STATEMENT_ACCOUNT_NOT_IN_BOOK'),
  accountNotPostable: (code: string) =>
    AppError.badInput(
      'input.accountCode',
      { ja: `勘定科目 ${code} には明細から計上できません (預金、未収会費、他会計、指定寄附金の科目)`, en: `A bank line cannot be posted to ${code} (the bank, dues receivable, inter-book or restricted-fund accounts)` },
      'STATEMENT_ACCOUNT_NOT_POSTABLE',
    ),
  settlementTaken: (settlementId: string) =>
    AppError.conflict('STATEMENT_SETTLEMENT_TAKEN', { ja: `精算 ${settlementId} は既に別の明細に消し込まれています`, en: `The settlement ${settlementId} is already matched to another line` }),
  settlementNotFound: (settlementId: string) =>
    AppError.badInput('input.settlementId', { ja: `この口座の支部の連合会への精算 ${settlementId} が明細の日付の前後 31 日にありません`, en: `No settlement ${settlementId} of this account's branch to the federation within 31 days of the line` }, 'STATEMENT_SETTLEMENT_NOT_FOUND'),
  settlementAmount: (settlement: bigint, line: bigint) =>
    AppError.badInput('input.settlementId', { ja: `精算額 ${settlement} 円が明細の金額 ${line} 円と違います`, en: `The settlement is ${settlement} yen, the line ${line} yen` }, 'STATEMENT_SETTLEMENT_AMOUNT'),
  notOutgoing: () =>
    AppError.badInput('input.lineId', { ja: '入金の明細行は精算の振込ではありません', en: 'An incoming line is not a settlement transfer' }, 'STATEMENT_LINE_NOT_OUTGOING'),
  payoutTaken: (payoutId: string) =>
    AppError.conflict('STATEMENT_PAYOUT_TAKEN', { ja: `Stripe の入金 ${payoutId} は既に別の明細に消し込まれています`, en: `The Stripe payout ${payoutId} is already matched to another line` }),
  payoutNotFound: (payoutId: string) =>
    AppError.badInput('input.payoutId', { ja: `Stripe の入金 ${payoutId} が見つかりません`, en: `No Stripe payout ${payoutId}` }, 'STATEMENT_PAYOUT_NOT_FOUND'),
  payoutAmount: (payout: bigint, line: bigint) =>
    AppError.badInput('input.payoutId', { ja: `Stripe の入金額 ${payout} 円が明細の金額 ${line} 円と違います`, en: `The payout is ${payout} yen, the line ${line} yen` }, 'STATEMENT_PAYOUT_AMOUNT'),
  mappingAccount: (index: number, code: string) =>
    AppError.badInput(`input.entries.${index}.accountCode`, { ja: `勘定科目 ${code} はこの帳簿にありません`, en: `The book has no account ${code}` }, 'MAPPING_ACCOUNT_NOT_IN_BOOK'),
  dateRange: () => AppError.badInput('to', { ja: '終了日は開始日以降にしてください', en: 'The end date is on or after the start date' }, 'RECONCILIATION_DATE_RANGE'),
  exportTooLarge: (max: number) =>
    AppError.badInput('to', { ja: `仕訳が ${max} 件を超えます。期間を短くするか CLI (journal:export) を使ってください`, en: `More than ${max} entries: shorten the range or use the CLI (journal:export)` }, 'EXPORT_TOO_LARGE'),
  paymentNotLinkable: () =>
    AppError.badInput('input.paymentId', { ja: 'この支部帳簿の記録済みの銀行振込だけを明細に結び付けられます', en: "Only a recorded bank transfer of this branch's book can be linked to a line" }, 'STATEMENT_PAYMENT_NOT_LINKABLE'),
  paymentAmount: (payment: bigint, line: bigint) =>
    AppError.badInput('input.paymentId', { ja: `入金額 ${payment} 円が明細の金額 ${line} 円と違います`, en: `The payment is ${payment} yen, the line ${line} yen` }, 'STATEMENT_PAYMENT_AMOUNT'),
  paymentTaken: () => AppError.conflict('STATEMENT_PAYMENT_TAKEN', { ja: 'この入金は既に別の明細に結び付いています', en: 'This payment is already linked to another line' }),
  invoiceTwice: () =>
    AppError.badInput('lineIds', { ja: 'この明細の請求書は、一緒に消し込む別の明細にも含まれています', en: 'This line pays an invoice another line of the same confirmation pays too' }, 'STATEMENT_INVOICE_TWICE'),
  profileBuiltIn: (code: string) =>
    AppError.badInput('input.code', { ja: `${code} は組み込みのプロファイルです。別のコードにしてください`, en: `${code} is a built-in profile; use another code` }, 'CSV_PROFILE_BUILT_IN'),
  profileAmountColumns: () =>
    AppError.badInput('input.amount', { ja: '金額は「金額」列 1 つか、「入金」と「出金」の 2 列のどちらかで指定してください', en: 'Give either one signed amount column or both the in and out columns' }, 'CSV_PROFILE_AMOUNT_COLUMNS'),
  profileColumnsRepeat: () =>
    AppError.badInput('input', { ja: '同じ列名が 2 回使われています', en: 'A column name is used twice' }, 'CSV_PROFILE_COLUMNS_REPEAT'),
};
