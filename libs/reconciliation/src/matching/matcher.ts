import type { LocalizedText } from '#core';
import type { ExpectedInvoice, ExpectedMember, Expectations } from './expectations.js';
import { familyKey, nameKey, numbersIn, similarity, zenginForm } from './payer-name.js';

/** A bank line as the matcher sees it. */
export interface LineToMatch {
  direction: 'IN' | 'OUT';
  amount: bigint;
  bookedOn: string;
  payerName: string;
  payerCode?: string;
  memo?: string;
  edi?: string;
}

export type NonDuesCategory = 'INTEREST' | 'BANK_FEE' | 'REFUND' | 'OTHER';

export interface SuggestedAllocation {
  invoiceId: string;
  invoiceNumber: string;
  memberId: string;
  amount: bigint;
}

export interface Suggestion {
  kind: 'INVOICES' | 'NOT_DUES';
  allocations: SuggestedAllocation[];
  /** Paid to a member beyond the invoices (kept as credit), or short of them. */
  excess: bigint;
  short: bigint;
  category: NonDuesCategory | null;
  score: number;
  /** Exact amount: the allocations take the whole line and pay what they name. */
  exact: boolean;
  reasons: LocalizedText[];
}

/** A suggestion at or above this score, clearly ahead of the next, is confirmed without a person. */
export const AUTO_CONFIRM_SCORE = 90;
const AUTO_CONFIRM_MARGIN = 15;

const yen = (n: bigint) => `¥${n.toLocaleString('en-US')}`;

interface Identity {
  member: ExpectedMember;
  score: number;
  reason: LocalizedText;
}

/**
 * Suggestions for one incoming line, best first: who the payer is (invoice or member number in the
 * field, the name's key exact, cut at the field width, similar, or the family name of a household),
 * then which of their open invoices the amount pays (one, several oldest first, two members
 * together, short or over). Each carries its score and the reasons a treasurer reads.
 */
export function suggest(expectations: Expectations, line: LineToMatch, limit = 5): Suggestion[] {
  const nonDues = nonDuesCategory(line);
  if (nonDues) return [nonDuesSuggestion(nonDues)];
  if (line.direction !== 'IN') return [];
  const identities = identify(expectations, line);
  const suggestions: Suggestion[] = [];
  for (const identity of identities.values()) {
    suggestions.push(...forMember(identity, line));
  }
  suggestions.push(...together(expectations, identities, line));
  suggestions.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  return suggestions
    .filter((s) => {
      const key = s.allocations.map((a) => `${a.invoiceId}:${a.amount}`).join(',');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

/** Whether the best suggestion may be confirmed automatically. */
export function autoConfirmable(suggestions: Suggestion[]): boolean {
  const [best, next] = suggestions;
  if (!best || best.kind !== 'INVOICES' || !best.exact || best.score < AUTO_CONFIRM_SCORE) return false;
  return !next || next.score <= best.score - AUTO_CONFIRM_MARGIN;
}

/**
 * A name shared by more members than this tells the treasurer nothing (a million-member roll has
 * hundreds of ヤマダ タロウ): it is not a signal, only a number or invoice in the field can be.
 */
export const NAMESAKES_LIMIT = 30;
/** Members a cut payer name may be the start of before it says nothing (`Expectations.startingWith`). */
export const CUT_NAME_LIMIT = 20;
/** Members of one family name past which a family name is no signal. */
export const RELATIVES_LIMIT = 30;

function namesakes(expectations: Expectations, key: string): ExpectedMember[] {
  if (expectations.crowded.keys.has(key)) return [];
  const members = expectations.byKey.get(key) ?? [];
  return members.length <= NAMESAKES_LIMIT ? members : [];
}

function identify(expectations: Expectations, line: LineToMatch): Map<string, Identity> {
  const found = new Map<string, Identity>();
  const add = (member: ExpectedMember, score: number, reason: LocalizedText) => {
    const current = found.get(member.memberId);
    if (!current || current.score < score) found.set(member.memberId, { member, score, reason });
  };
  const field = [line.payerCode, line.payerName, line.edi, line.memo].filter(Boolean).join(' ');
  const numbers = numbersIn(field);
  for (const number of numbers.invoiceNumbers) {
    const invoice = expectations.byInvoiceNumber.get(number);
    const member = invoice && expectations.members.get(invoice.memberId);
    if (member) add(member, 60, { ja: `振込依頼人名に請求書番号 ${number}`, en: `invoice number ${number} in payer name` });
  }
  for (const number of numbers.memberNumbers) {
    const member = expectations.byMemberNumber.get(number);
    if (member) add(member, 55, { ja: `振込依頼人名に会員番号 ${number}`, en: `member number ${number} in payer name` });
  }
  for (const digits of numbers.digitRuns) {
    for (const member of expectations.byDigits.get(digits) ?? []) {
      add(member, 45, { ja: `振込依頼人名に会員番号 ${member.memberNumber} の数字`, en: `the digits of member number ${member.memberNumber} in payer name` });
    }
  }
  const key = nameKey(line.payerName);
  if (key.length >= 2) {
    for (const member of namesakes(expectations, key)) {
      const unique = expectations.byKey.get(key)!.length === 1;
      add(member, unique ? 50 : 35, { ja: `振込依頼人名が会員のフリガナ ${member.memberKana} と一致`, en: `payer name equals the member's kana ${member.memberKana}` });
    }
    if (key.length >= 5) {
      for (const member of expectations.startingWith(key, CUT_NAME_LIMIT)) {
        if (member.key !== key) add(member, 35, { ja: `振込依頼人名が ${member.memberKana} の途中まで (欄の幅で切れています)`, en: `payer name is the start of ${member.memberKana} (cut at the field width)` });
      }
    }
    // A payer name holding a member's whole key and more (two names, or a word such as ｶｲﾋ).
    for (let end = key.length - 1; end >= 4; end -= 1) {
      for (const member of namesakes(expectations, key.slice(0, end))) {
        add(member, 30, { ja: `振込依頼人名が ${member.memberKana} で始まります`, en: `payer name begins with ${member.memberKana}` });
      }
    }
    const family = familyKey(line.payerName);
    const relatives = expectations.crowded.families.has(family) ? [] : (expectations.byFamily.get(family) ?? []);
    if (relatives.length <= RELATIVES_LIMIT) {
      for (const member of relatives) {
        const sim = similarity(member.key, key);
        if (sim >= 0.75) add(member, Math.round(20 + 15 * sim), { ja: `振込依頼人名が ${member.memberKana} に近い`, en: `payer name is close to ${member.memberKana}` });
        else add(member, 5, { ja: `姓 ${member.memberKana.split(/[ 　]/)[0]} が一致`, en: `family name of ${member.memberKana}` });
      }
    }
  }
  return found;
}

function invoicesSuggestion(invoices: ExpectedInvoice[], amount: bigint, identityScore: number, reasons: LocalizedText[], line: LineToMatch): Suggestion {
  const total = invoices.reduce((s, i) => s + i.outstanding, 0n);
  let left = amount;
  const allocations: SuggestedAllocation[] = [];
  for (const invoice of invoices) {
    if (left <= 0n) break;
    const take = left < invoice.outstanding ? left : invoice.outstanding;
    allocations.push({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.number, memberId: invoice.memberId, amount: take });
    left -= take;
  }
  const exact = total === amount;
  let amountScore: number;
  const all = [...reasons];
  if (exact && invoices.length === 1) {
    amountScore = 35;
    all.push({ ja: `金額が請求書 ${invoices[0].number} と一致`, en: `amount equals invoice ${invoices[0].number}` });
  } else if (exact) {
    amountScore = 30;
    const numbers = invoices.map((i) => i.number).join(', ');
    all.push({ ja: `金額が請求書 ${invoices.length} 件 (${numbers}) の合計と一致`, en: `amount equals the sum of ${invoices.length} invoices (${numbers})` });
  } else if (amount < total) {
    amountScore = 5;
    all.push({ ja: `請求額より ${yen(total - amount)} 不足`, en: `short of the invoiced amount by ${yen(total - amount)}` });
  } else {
    amountScore = 5;
    all.push({ ja: `請求額より ${yen(amount - total)} 多い (前受金)`, en: `${yen(amount - total)} more than invoiced (member credit)` });
  }
  const dated = invoices.some((i) => Math.abs(Date.parse(i.dueOn) - Date.parse(line.bookedOn)) <= 120 * 86_400_000);
  return {
    kind: 'INVOICES',
    allocations,
    excess: amount > total ? amount - total : 0n,
    short: amount < total ? total - amount : 0n,
    category: null,
    score: Math.min(100, identityScore + amountScore + (dated ? 5 : 0)),
    exact,
    reasons: all,
  };
}

function forMember(identity: Identity, line: LineToMatch): Suggestion[] {
  const { member, score, reason } = identity;
  const out: Suggestion[] = [];
  const invoices = member.invoices;
  for (const invoice of invoices) {
    if (invoice.outstanding === line.amount) out.push(invoicesSuggestion([invoice], line.amount, score, [reason], line));
  }
  for (let k = 2; k <= invoices.length; k += 1) {
    const first = invoices.slice(0, k);
    if (first.reduce((s, i) => s + i.outstanding, 0n) === line.amount) out.push(invoicesSuggestion(first, line.amount, score, [reason], line));
  }
  if (out.length === 0 && invoices.length > 0) {
    const total = invoices.reduce((s, i) => s + i.outstanding, 0n);
    out.push(invoicesSuggestion(line.amount > total ? invoices : invoices, line.amount, score, [reason], line));
  }
  return out;
}

/** Two identified members paid together, or one identified member and the others of their group. */
function together(expectations: Expectations, identities: Map<string, Identity>, line: LineToMatch): Suggestion[] {
  const out: Suggestion[] = [];
  const list = [...identities.values()].filter((i) => i.score >= 30).slice(0, 10);
  const sum = (m: ExpectedMember) => m.invoices.reduce((s, i) => s + i.outstanding, 0n);
  const pairs: [Identity, ExpectedMember, number, LocalizedText][] = [];
  for (let a = 0; a < list.length; a += 1) {
    for (let b = a + 1; b < list.length; b += 1) pairs.push([list[a], list[b].member, Math.min(list[a].score, list[b].score), list[b].reason]);
    const group = list[a].member.groupKey ? (expectations.byGroup.get(list[a].member.groupKey!) ?? []) : [];
    if (group.length <= 10) {
      for (const other of group) {
        if (other.memberId !== list[a].member.memberId) pairs.push([list[a], other, list[a].score - 5, { ja: `${other.memberKana} と同じ世帯・団体`, en: `same household or organization as ${other.memberKana}` }]);
      }
    }
  }
  for (const [first, second, score, reason] of pairs) {
    if (sum(first.member) + sum(second) !== line.amount) continue;
    out.push(invoicesSuggestion([...first.member.invoices, ...second.invoices], line.amount, score, [first.reason, reason], line));
  }
  return out;
}

const INTEREST = /ﾘｿｸ|ﾘｿｸｾﾞｲ|ﾌﾂｳﾘｿｸ|ｹｯｻﾝ ?ﾘｿｸ/;
const FEE = /ﾃｽｳﾘﾖｳ|ﾌﾘｺﾐﾃｽｳﾘﾖｳ|ﾃｽｳﾘﾖｳ/;

/** Interest in or a bank fee out: proposed as not dues, never looked up. */
export function isNonDues(line: LineToMatch): boolean {
  return nonDuesCategory(line) !== null;
}

function nonDuesCategory(line: LineToMatch): NonDuesCategory | null {
  const text = zenginForm(`${line.payerName} ${line.memo ?? ''}`);
  if (line.direction === 'IN' && INTEREST.test(text)) return 'INTEREST';
  if (line.direction === 'OUT' && FEE.test(text)) return 'BANK_FEE';
  return null;
}

function nonDuesSuggestion(category: NonDuesCategory): Suggestion {
  const text: Record<NonDuesCategory, LocalizedText> = {
    INTEREST: { ja: '摘要が利息', en: 'the memo says interest' },
    BANK_FEE: { ja: '摘要が手数料', en: 'the memo says bank fee' },
    REFUND: { ja: '返金', en: 'a refund' },
    OTHER: { ja: 'その他', en: 'other' },
  };
  return { kind: 'NOT_DUES', allocations: [], excess: 0n, short: 0n, category, score: 80, exact: true, reasons: [text[category]] };
}

/** One line of explanation: "member number P0012345 in payer name; amount equals invoice TKY-2026-000123". */
export function explain(suggestion: Suggestion): LocalizedText {
  return { ja: suggestion.reasons.map((r) => r.ja).join('、'), en: suggestion.reasons.map((r) => r.en).join('; ') };
}
