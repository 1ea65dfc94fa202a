import { CUT_NAME_LIMIT, NAMESAKES_LIMIT, RELATIVES_LIMIT, isNonDues, type LineToMatch } from './matcher.js';
import { familyKey, nameKey, numbersIn } from './payer-name.js';

/** What the matcher may look a batch of lines up by: members' numbers and payer keys, invoice numbers. */
export interface LineLookups {
  memberNumbers: string[];
  invoiceNumbers: string[];
  keys: string[];
  prefixes: string[];
  families: string[];
}

/** The matcher's limits: a key that finds more members than its limit is no signal (crowded). */
export const LOOKUP_LIMITS = { perKey: NAMESAKES_LIMIT, perPrefix: CUT_NAME_LIMIT, perFamily: RELATIVES_LIMIT };

/**
 * The member numbers a run of digits may be (the digits of P0012345 or O001234, zeros dropped):
 * members' numbers are P + 7 or O + 6 digits (members' member-number.ts).
 */
export function memberNumbersOfDigits(digits: string): string[] {
  const out: string[] = [];
  if (digits.length <= 7) out.push(`P${digits.padStart(7, '0')}`);
  if (digits.length <= 6) out.push(`O${digits.padStart(6, '0')}`);
  return out;
}

/**
 * Everything `suggest` looks up for these lines (identify's signals), deduplicated: the
 * Expectations built from the open invoices these find are, for these lines, the branch's.
 */
export function lookupsOf(lines: Iterable<LineToMatch>): LineLookups {
  const sets = { memberNumbers: new Set<string>(), invoiceNumbers: new Set<string>(), keys: new Set<string>(), prefixes: new Set<string>(), families: new Set<string>() };
  for (const line of lines) {
    if (line.direction !== 'IN' || isNonDues(line)) continue;
    const numbers = numbersIn([line.payerCode, line.payerName, line.edi, line.memo].filter(Boolean).join(' '));
    for (const n of numbers.invoiceNumbers) sets.invoiceNumbers.add(n);
    for (const n of numbers.memberNumbers) sets.memberNumbers.add(n);
    for (const d of numbers.digitRuns) for (const n of memberNumbersOfDigits(d)) sets.memberNumbers.add(n);
    const key = nameKey(line.payerName);
    if (key.length < 2) continue;
    sets.keys.add(key);
    if (key.length >= 5) sets.prefixes.add(key);
    for (let end = key.length - 1; end >= 4; end -= 1) sets.keys.add(key.slice(0, end));
    sets.families.add(familyKey(line.payerName));
  }
  return {
    memberNumbers: [...sets.memberNumbers],
    invoiceNumbers: [...sets.invoiceNumbers],
    keys: [...sets.keys],
    prefixes: [...sets.prefixes],
    families: [...sets.families],
  };
}
