import { BASIS_COLUMN, DEFAULT_RECOGNITION_POLICY, basisCsvLabel, type RecognitionPolicy } from '#dues';
import { bilingual, csvDocument, type CsvCell } from '#core';

/**
 * What a branch and the federation owe each other over a period, from the branch book's
 * inter-book accounts with the federation as counterparty. Pure.
 *
 * "Net owed" is seen from the branch: positive when the branch owes the federation,
 * negative when the federation owes the branch.
 *   due to federation (liability, credit-normal):  credit +, debit −
 *   due from federation (asset, debit-normal):     debit  −, credit +
 */

export type InterBookAccount = 'DUE_TO' | 'DUE_FROM';

export interface InterBookMovement {
  entryId: string;
  entryDate: string;
  /** The journal entry's source (INVOICE, SETTLEMENT, …). */
  source: string;
  memo: string;
  account: InterBookAccount;
  side: 'DEBIT' | 'CREDIT';
  amount: bigint;
}

export interface InterBookBalances {
  /** Balance of due-to-federation (what the branch owes). */
  owedToFederation: bigint;
  /** Balance of due-from-federation (what the federation owes the branch). */
  owedByFederation: bigint;
}

export type StatementLineKind = 'ACCRUAL' | 'SETTLEMENT';

export interface StatementLine {
  date: string;
  kind: StatementLineKind;
  source: string;
  description: string;
  entryId: string;
  /** Change of the net owed to the federation. */
  change: bigint;
  /** Net owed to the federation after this line. */
  balance: bigint;
}

export interface SettlementStatement {
  /** The basis the branch book keeps dues on (ON_RECEIPT: shares accrue when paid; ACCRUAL: when invoiced). */
  recognition?: RecognitionPolicy;
  branchId: string;
  branchCode: string;
  branchName: { ja: string; en: string };
  from: string;
  to: string;
  currency: string;
  opening: InterBookBalances & { net: bigint };
  closing: InterBookBalances & { net: bigint };
  /** Net new amounts owed in the period (dues shares, corrections), settlements excluded. */
  accrued: bigint;
  /** Net amount cleared by settlements in the period (positive when the branch paid). */
  settled: bigint;
  lines: StatementLine[];
  /**
   * The federation book's mirror of the same pair at the end of the period (due from branch,
   * due to branch); `agrees` is false when the two books disagree — a reconciliation problem.
   */
  federationView: { dueFromBranch: bigint; dueToBranch: bigint; agrees: boolean } | null;
}

export function netChange(m: Pick<InterBookMovement, 'account' | 'side' | 'amount'>): bigint {
  if (m.account === 'DUE_TO') return m.side === 'CREDIT' ? m.amount : -m.amount;
  return m.side === 'DEBIT' ? -m.amount : m.amount;
}

export function buildSettlementStatement(input: {
  branch: { id: string; code: string; nameJa: string; nameEn: string };
  from: string;
  to: string;
  currency: string;
  opening: InterBookBalances;
  /** Movements dated from..to inclusive, in any order. */
  movements: readonly InterBookMovement[];
  federation?: { dueFromBranch: bigint; dueToBranch: bigint } | null;
}): SettlementStatement {
  const net = (b: InterBookBalances) => b.owedToFederation - b.owedByFederation;
  const sorted = [...input.movements].sort((a, b) => (a.entryDate === b.entryDate ? cmp(a.entryId, b.entryId) : cmp(a.entryDate, b.entryDate)));
  let owedTo = input.opening.owedToFederation;
  let owedBy = input.opening.owedByFederation;
  let balance = net(input.opening);
  let accrued = 0n;
  let settled = 0n;
  const lines: StatementLine[] = [];
  for (const m of sorted) {
    const change = netChange(m);
    if (m.account === 'DUE_TO') owedTo += m.side === 'CREDIT' ? m.amount : -m.amount;
    else owedBy += m.side === 'DEBIT' ? m.amount : -m.amount;
    balance += change;
    const kind: StatementLineKind = m.source === 'SETTLEMENT' ? 'SETTLEMENT' : 'ACCRUAL';
    if (kind === 'SETTLEMENT') settled -= change;
    else accrued += change;
    const last = lines.at(-1);
    // One line per journal entry: both accounts of one entry are one event.
    if (last && m.entryId && last.entryId === m.entryId) {
      last.change += change;
      last.balance = balance;
    } else {
      lines.push({ date: m.entryDate, kind, source: m.source, description: m.memo, entryId: m.entryId, change, balance });
    }
  }
  const closing = { owedToFederation: owedTo, owedByFederation: owedBy };
  return {
    branchId: input.branch.id,
    branchCode: input.branch.code,
    branchName: { ja: input.branch.nameJa, en: input.branch.nameEn },
    from: input.from,
    to: input.to,
    currency: input.currency,
    opening: { ...input.opening, net: net(input.opening) },
    closing: { ...closing, net: net(closing) },
    accrued,
    settled,
    lines,
    federationView: input.federation
      ? {
          ...input.federation,
          agrees: input.federation.dueFromBranch === closing.owedToFederation && input.federation.dueToBranch === closing.owedByFederation,
        }
      : null,
  };
}

const KIND_LABELS: Record<StatementLineKind | 'OPENING' | 'CLOSING', { ja: string; en: string }> = {
  OPENING: { ja: '期首残高', en: 'Opening balance' },
  ACCRUAL: { ja: '計上', en: 'Accrued' },
  SETTLEMENT: { ja: '精算', en: 'Settlement' },
  CLOSING: { ja: '期末残高', en: 'Closing balance' },
};

export const SETTLEMENT_CSV_HEADER = [
  bilingual('支部', 'Branch'),
  bilingual('日付', 'Date'),
  bilingual('区分', 'Kind'),
  bilingual('摘要', 'Description'),
  bilingual('増減（支部→連合会）', 'Change (owed to federation)'),
  bilingual('残高（支部→連合会）', 'Balance (owed to federation)'),
  bilingual('通貨', 'Currency'),
  bilingual('仕訳ID', 'Journal entry ID'),
  // Last, so that the columns before it keep the positions an import set up on an older file expects.
  bilingual(BASIS_COLUMN.ja, BASIS_COLUMN.en),
];

/**
 * The statement a treasurer downloads: one row for the opening balance, one per journal entry,
 * one for the closing balance. UTF-8 with BOM, bilingual headers and labels.
 */
export function settlementStatementCsv(s: SettlementStatement): string {
  const label = (k: keyof typeof KIND_LABELS) => `${KIND_LABELS[k].ja} / ${KIND_LABELS[k].en}`;
  // The branch book's dues basis, on every row (a row read alone, or pasted into another sheet, still says it).
  const basis = basisCsvLabel(s.recognition ?? DEFAULT_RECOGNITION_POLICY);
  const rows: CsvCell[][] = [
    [s.branchCode, s.from, label('OPENING'), `${s.branchName.ja} / ${s.branchName.en}`, null, s.opening.net, s.currency, null, basis],
    ...s.lines.map((l) => [s.branchCode, l.date, label(l.kind), l.description, l.change, l.balance, s.currency, l.entryId || null, basis]),
    [s.branchCode, s.to, label('CLOSING'), null, null, s.closing.net, s.currency, null, basis],
  ];
  return csvDocument(SETTLEMENT_CSV_HEADER, rows);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
