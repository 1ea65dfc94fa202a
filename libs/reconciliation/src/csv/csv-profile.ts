/**
 * How one bank's CSV statement reads: its encoding, the header names of the columns Rentai needs
 * and its date format. Two or three ship; admins add more (reconciliation_csv_profiles).
 */
export interface CsvProfile {
  code: string;
  nameJa: string;
  nameEn: string;
  encoding: 'SHIFT_JIS' | 'UTF8';
  /** Header names (the first row), as the bank writes them. */
  columns: {
    date: string;
    /** お預入れ / 受入金額; or one signed `amount` column. */
    amountIn?: string | null;
    amountOut?: string | null;
    amount?: string | null;
    payer: string;
    memo?: string | null;
  };
  /** YMD: 2026/04/01, 2026-04-01, 20260401 or 2026年4月1日; ERA: R8.4.1 / 令和8年4月1日. */
  dateFormat: 'YMD' | 'ERA';
}

/** The profiles that ship. Header names are the banks' usual export; an admin profile covers any other. */
export const BUILT_IN_PROFILES: readonly CsvProfile[] = [
  {
    code: 'YUCHO',
    nameJa: 'ゆうちょ銀行 (ゆうちょダイレクト 入出金明細)',
    nameEn: 'Japan Post Bank (Yucho Direct statement)',
    encoding: 'SHIFT_JIS',
    columns: { date: '取引日', amountIn: '受入金額（円）', amountOut: '払出金額（円）', payer: '詳細１', memo: '詳細２' },
    dateFormat: 'YMD',
  },
  {
    code: 'NET_BANKING',
    nameJa: 'インターネットバンキング (日付・摘要・お預入れ・お引出し)',
    nameEn: 'Internet banking (date, description, deposits, withdrawals)',
    encoding: 'SHIFT_JIS',
    columns: { date: '日付', amountIn: 'お預入れ', amountOut: 'お引出し', payer: '摘要', memo: 'メモ' },
    dateFormat: 'YMD',
  },
  {
    code: 'RENTAI_UTF8',
    nameJa: 'Rentai 標準 (UTF-8)',
    nameEn: 'Rentai plain (UTF-8)',
    encoding: 'UTF8',
    columns: { date: 'date', amount: 'amount', payer: 'payer', memo: 'memo' },
    dateFormat: 'YMD',
  },
];
