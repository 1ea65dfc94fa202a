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

  /**
   * The Expectations for a batch of lines. `crowded` carries the keys found crowded by earlier batches
   * of the same import (common names come back in every batch): not looked up again, still no signal.
   */
  async expectationsFor(branchId: string, lines: readonly StatementLine[], crowded: CrowdedKeys = newCrowdedKeys()): Promise<Expectations> {
    const all = lookupsOf(lines.filter((l) => l.kind === 'NORMAL').map(toMatch));
    const lookups = { ...all, keys: all.keys.filter((k) => !crowded.keys.has(k)), prefixes: all.prefixes.filter((k) => !crowded.prefixes.has(k)), families: all.families.filter((k) => !crowded.families.has(k)) };
    const candidates = await this.expected.candidates(branchId, lookups, LOOKUP_LIMITS);
    for (const k of candidates.crowded.keys) crowded.keys.add(k);
    for (const k of candidates.crowded.prefixes) crowded.prefixes.add(k);
    for (const k of candidates.crowded.families) crowded.families.add(k);
    return new Expectations(candidates.invoices, crowded);
  }

  judge(expectations: Expectations, line: StatementLine): LineVerdict {
    if (line.kind !== 'NORMAL') return { status: LineStatus.UNMATCHED, suggestions: [], auto: false };
    const suggestions = suggest(expectations, toMatch(line));
    const proposed = suggestions.filter((s) => s.score >= PROPOSE_FROM);
    return { status: proposed.length ? LineStatus.SUGGESTED : LineStatus.UNMATCHED, suggestions: proposed.map(store), auto: autoConfirmable(suggestions) };
  }
}

const toMatch = (line: StatementLine): LineToMatch => ({ direction: line.direction, amount: line.amount, bookedOn: line.bookedOn, payerName: line.payerName, payerCode: line.payerCode, memo: line.memo, edi: line.edi });

/** Keys known to find more members of the branch than the matcher's limits, kept for one import. */
export interface CrowdedKeys {
  keys: Set<string>;
  prefixes: Set<string>;
  families: Set<string>;
}
export const newCrowdedKeys = (): CrowdedKeys => ({ keys: new Set(), prefixes: new Set(), families: new Set() });

export const store = (s: Suggestion): StoredSuggestion => ({
  ...s,
  allocations: s.allocations.map((a) => ({ ...a, amount: a.amount.toString() })),
  excess: s.excess.toString(),
  short: s.short.toString(),
});
