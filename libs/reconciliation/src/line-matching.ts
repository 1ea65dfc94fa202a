import { Injectable } from '@nestjs/common';
import { ExpectedPayments } from '#payments';
import { Expectations, type ExpectedInvoice } from './matching/expectations.js';
import { autoConfirmable, suggest, type Suggestion } from './matching/matcher.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from './statement-line.entity.js';

/** Below this score a line is an exception with no proposal. */
export const PROPOSE_FROM = 50;

export interface LineVerdict {
  status: LineStatus;
  suggestions: StoredSuggestion[];
  auto: boolean;
}

/** Loads what a branch expects once and judges lines against it. */
@Injectable()
export class LineMatching {
  constructor(private readonly expected: ExpectedPayments) {}

  async expectationsOf(branchId: string): Promise<Expectations> {
    const all: ExpectedInvoice[] = [];
    for await (const batch of this.expected.openInvoicesOfBranch(branchId)) all.push(...batch);
    return new Expectations(all);
  }

  judge(expectations: Expectations, line: StatementLine): LineVerdict {
    if (line.kind !== 'NORMAL') return { status: LineStatus.UNMATCHED, suggestions: [], auto: false };
    const suggestions = suggest(expectations, { direction: line.direction, amount: line.amount, bookedOn: line.bookedOn, payerName: line.payerName, payerCode: line.payerCode, memo: line.memo, edi: line.edi });
    const proposed = suggestions.filter((s) => s.score >= PROPOSE_FROM);
    return { status: proposed.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, suggestions: proposed.map(store), auto: autoConfirmable(suggestions) };
  }
}

export const store = (s: Suggestion): StoredSuggestion => ({
  ...s,
  allocations: s.allocations.map((a) => ({ ...a, amount: a.amount.toString() })),
  excess: s.excess.toString(),
  short: s.short.toString(),
});
