/**
 * The allocation rule of a dues plan: which share of an invoice goes to the
 * federation; the member's branch keeps the rest, so the two shares always add
 * up to the amount exactly.
 *
 * - BASIS_POINTS: the federation gets ⌊amount × bp / 10000⌋ (a fraction of a yen
 *   stays with the branch: 端数は支部に帰属).
 * - FIXED: the federation gets a fixed amount (at most the plan's amount). On a
 *   prorated invoice the fixed share is prorated by the same months, rounded down.
 *
 * The fiscal-year issuance computes the same shares in SQL
 * (`federationShareSql`); allocation.int-spec proves both agree.
 */
export const ShareKind = { FIXED: 'FIXED', BASIS_POINTS: 'BASIS_POINTS' } as const;
/** Enum-like (keys are the values, so the pure code may write 'FIXED'); GraphQL `ShareKind`. */
export type ShareKind = (typeof ShareKind)[keyof typeof ShareKind];

export interface AllocationRule {
  kind: ShareKind;
  /** Minor units for FIXED, basis points (0–10000) for BASIS_POINTS. */
  value: bigint;
}

export interface Shares {
  federation: bigint;
  branch: bigint;
}

export const FULL_BASIS_POINTS = 10_000n;

export class AllocationRuleError extends Error {
  override name = 'AllocationRuleError';
  constructor(
    readonly field: 'amount' | 'federationShare',
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a rule that cannot split `planAmount` (a plan's invariants). */
export function assertValidRule(planAmount: bigint, rule: AllocationRule): void {
  if (planAmount <= 0n) throw new AllocationRuleError('amount', 'amount must be greater than zero');
  if (rule.value < 0n) throw new AllocationRuleError('federationShare', 'the federation share must not be negative');
  if (rule.kind === 'BASIS_POINTS' && rule.value > FULL_BASIS_POINTS) {
    throw new AllocationRuleError('federationShare', 'basis points must be at most 10000 (100%)');
  }
  if (rule.kind === 'FIXED' && rule.value > planAmount) {
    throw new AllocationRuleError('federationShare', 'a fixed federation share must not exceed the amount');
  }
}

/**
 * Splits an invoice amount. `months` (1–12) is given for a prorated invoice,
 * whose amount is already prorated; a FIXED share is then prorated too.
 */
export function allocate(amount: bigint, rule: AllocationRule, months = 12): Shares {
  if (amount < 0n) throw new RangeError('Cannot allocate a negative amount');
  let federation: bigint;
  if (rule.kind === 'BASIS_POINTS') {
    federation = (amount * rule.value) / FULL_BASIS_POINTS;
  } else {
    federation = months === 12 ? rule.value : (rule.value * BigInt(months)) / 12n;
  }
  if (federation > amount) federation = amount;
  return { federation, branch: amount - federation };
}

/**
 * The same federation share in SQL for a full-year invoice, over columns of
 * dues_plans aliased `p` (bigint arithmetic; PostgreSQL's integer division truncates like bigint's).
 */
export function federationShareSql(p = 'p'): string {
  return `LEAST(${p}.amount, CASE ${p}.federation_share_kind WHEN 'BASIS_POINTS' THEN (${p}.amount * ${p}.federation_share_value) / 10000 ELSE ${p}.federation_share_value END)`;
}
