/**
 * Budget and limit arithmetic of a grant program, pure. An award counts against the budget
 * from its approval: committed (approved, not yet paid) plus disbursed never exceeds the budget.
 */

export interface ProgramLimits {
  totalBudget: bigint;
  maxPerAward: bigint;
  maxPerPerson: bigint;
  /** Categories a cost line may name. */
  categories: readonly string[];
}

export interface BudgetFigures {
  budget: bigint;
  /** Approved and not yet paid. */
  committed: bigint;
  disbursed: bigint;
  /** budget − committed − disbursed. */
  remaining: bigint;
}

export function budgetFigures(budget: bigint, awarded: bigint, disbursed: bigint): BudgetFigures {
  return { budget, committed: awarded - disbursed, disbursed, remaining: budget - awarded };
}

export type CostLines = Readonly<Record<string, bigint>>;

export type LimitProblem =
  | { kind: 'UNKNOWN_CATEGORY'; category: string }
  | { kind: 'NON_POSITIVE'; category: string }
  | { kind: 'CATEGORY_NOT_REQUESTED'; category: string }
  | { kind: 'EXCEEDS_REQUESTED'; category: string; requested: bigint }
  | { kind: 'EXCEEDS_PER_AWARD'; max: bigint }
  | { kind: 'EXCEEDS_PER_PERSON'; max: bigint; already: bigint }
  | { kind: 'EXCEEDS_BUDGET'; remaining: bigint };

export function total(lines: CostLines): bigint {
  return Object.values(lines).reduce((s, v) => s + v, 0n);
}

/** A cost breakdown an application may request: known categories, positive amounts, within the award limit. */
export function checkRequest(limits: ProgramLimits, lines: CostLines): LimitProblem | null {
  for (const [category, amount] of Object.entries(lines)) {
    if (!limits.categories.includes(category)) return { kind: 'UNKNOWN_CATEGORY', category };
    if (amount <= 0n) return { kind: 'NON_POSITIVE', category };
  }
  return null;
}

export interface AwardContext {
  limits: ProgramLimits;
  requested: CostLines;
  /** Awards of this program still counting (approved, disbursed, completed), this application excluded. */
  awardedInProgram: bigint;
  /** Of those, the awards of the same person (the per-person limit of the fiscal year). */
  awardedToPerson: bigint;
}

/**
 * An approver's amounts per category: never more than requested per category, the total within
 * the per-award and per-person limits and what is left of the budget. Zero lines are allowed
 * (a category not funded); the total must be positive.
 */
export function checkAward(ctx: AwardContext, approved: CostLines): LimitProblem | null {
  for (const [category, amount] of Object.entries(approved)) {
    if (!ctx.limits.categories.includes(category)) return { kind: 'UNKNOWN_CATEGORY', category };
    if (!(category in ctx.requested)) return { kind: 'CATEGORY_NOT_REQUESTED', category };
    if (amount < 0n) return { kind: 'NON_POSITIVE', category };
    if (amount > ctx.requested[category]) return { kind: 'EXCEEDS_REQUESTED', category, requested: ctx.requested[category] };
  }
  const sum = total(approved);
  if (sum <= 0n) return { kind: 'NON_POSITIVE', category: Object.keys(approved)[0] ?? '' };
  if (sum > ctx.limits.maxPerAward) return { kind: 'EXCEEDS_PER_AWARD', max: ctx.limits.maxPerAward };
  if (ctx.awardedToPerson + sum > ctx.limits.maxPerPerson) {
    return { kind: 'EXCEEDS_PER_PERSON', max: ctx.limits.maxPerPerson, already: ctx.awardedToPerson };
  }
  const remaining = ctx.limits.totalBudget - ctx.awardedInProgram;
  if (sum > remaining) return { kind: 'EXCEEDS_BUDGET', remaining };
  return null;
}

/** Whether an award of this total needs a second, different approver. */
export function needsTwoApprovers(awardTotal: bigint, threshold: bigint): boolean {
  return awardTotal > threshold;
}

/** What a payment may still be: the award less what is scheduled or paid. */
export function payable(award: bigint, scheduledOrPaid: bigint): bigint {
  return award - scheduledOrPaid;
}

/** Fiscal year (April–March) of a date: #core's. */
export { fiscalYearOf } from '#core';
