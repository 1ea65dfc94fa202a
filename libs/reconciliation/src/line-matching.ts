import { Injectable } from '@nestjs/common';
import { ExpectedPayments } from '#payments';
import { LOOKUP_LIMITS, lookupsOf } from './matching/candidate-lookups.js';
import { Expectations } from './matching/expectations.js';
import { autoConfirmable, suggest, type LineToMatch, type Suggestion } from './matching/matcher.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from './statement-line.entity.js';

/** Below this score a line is an exception with no proposal. */
export const PROPOSE_FROM = 50;

export interface LineVerdict {
  status: LineStatus;
  suggestions: StoredSuggestion[];
  auto: boolean;
}

/**
 * Judges lines against what the branch expects: for a batch of lines, the open invoices of the
 * members they may be from are fetched in one statement (by number, payer key, cut key and family,
 * through payments' `ExpectedPayments.candidates`), and the pure matcher scores each line against them.
 * For these lines that is the same judgement as against every open invoice of the branch (see
 * candidate-lookups.spec.ts), without reading a million invoices into memory.
 */
@Injectable()
export class LineMatching {
  constructor(private readonly expected: ExpectedPayments) {}

  async expectationsFor(branchId: string, lines: readonly StatementLine[]): Promise<Expectations> {
    const lookups = lookupsOf(lines.filter((l) => l.kind === 'NORMAL').map(toMatch));
    const candidates = await this.expected.candidates(branchId, lookups, LOOKUP_LIMITS);
    return new Expectations(candidates.invoices, candidates.crowded);
  }

  judge(expectations: Expectations, line: StatementLine): LineVerdict {
    if (line.kind !== 'NORMAL') return { status: LineStatus.UNMATCHED, suggestions: [], auto: false };
    const suggestions = suggest(expectations, toMatch(line));
    const proposed = suggestions.filter((s) => s.score >= PROPOSE_FROM);
    return { status: proposed.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, suggestions: proposed.map(store), auto: autoConfirmable(suggestions) };
  }
}

const toMatch = (line: StatementLine): LineToMatch => ({ direction: line.direction, amount: line.amount, bookedOn: line.bookedOn, payerName: line.payerName, payerCode: line.payerCode, memo: line.memo, edi: line.edi });

export const store = (s: Suggestion): StoredSuggestion => ({
  ...s,
  allocations: s.allocations.map((a) => ({ ...a, amount: a.amount.toString() })),
  excess: s.excess.toString(),
  short: s.short.toString(),
});
