/**
 * Member numbers (会員番号): a kind letter and a zero-padded counter value.
 *   individual members    P + 7 digits   P0000001 … P9999999
 *   organizational members O + 6 digits  O000001 … O999999
 * Assigned from a counter row per kind (member_number_counters), so unique and stable;
 * gaps are possible (a rolled-back creation), reuse never. A number given explicitly
 * (legacy numbers in an import) moves the counter past it.
 */
/**
 * What a member is — a person (個人会員) or an organization (団体会員) — in the members library (its
 * table, its numbers). The one word for this across the house: a dues plan states whom it is for with
 * the same enum (DuesPlan.memberKind, dues_plans.member_kind).
 */
export enum MemberKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}

const FORMAT: Record<MemberKind, { prefix: string; digits: number }> = {
  [MemberKind.PERSON]: { prefix: 'P', digits: 7 },
  [MemberKind.ORGANIZATION]: { prefix: 'O', digits: 6 },
};

export function formatMemberNumber(kind: MemberKind, value: number): string {
  const { prefix, digits } = FORMAT[kind];
  if (!Number.isSafeInteger(value) || value < 1 || value >= 10 ** digits) throw new RangeError(`member number ${value} out of range for ${kind}`);
  return `${prefix}${String(value).padStart(digits, '0')}`;
}

/** The counter value of a well-formed number of this kind, or null. */
export function parseMemberNumber(kind: MemberKind, text: string): number | null {
  const { prefix, digits } = FORMAT[kind];
  const m = new RegExp(`^${prefix}(\\d{${digits}})$`).exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  return value >= 1 ? value : null;
}

/** Upper-cased, full-width letters and digits made ASCII: what a user may type in a search box. */
export function normalizeMemberNumber(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase();
}

export const MEMBER_NUMBER_PATTERN: Record<MemberKind, RegExp> = {
  [MemberKind.PERSON]: /^P\d{7}$/,
  [MemberKind.ORGANIZATION]: /^O\d{6}$/,
};
