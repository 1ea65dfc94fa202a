import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { budgetFigures, checkAward, checkRequest, fiscalYearOf, needsTwoApprovers, type AwardContext } from './budget.js';

const limits = { totalBudget: 1_000_000n, maxPerAward: 150_000n, maxPerPerson: 200_000n, categories: ['TUITION', 'TEXTBOOKS', 'TRANSPORT'] };
const ctx = (over: Partial<AwardContext> = {}): AwardContext => ({
  limits,
  requested: { TUITION: 100_000n, TEXTBOOKS: 10_000n },
  awardedInProgram: 0n,
  awardedToPerson: 0n,
  ...over,
});

describe('grant budget arithmetic', () => {
  it('refuses categories the program does not fund and non-positive requests', () => {
    expect(checkRequest(limits, { TUITION: 1n })).toBeNull();
    expect(checkRequest(limits, { CHILDCARE: 1n })).toEqual({ kind: 'UNKNOWN_CATEGORY', category: 'CHILDCARE' });
    expect(checkRequest(limits, { TUITION: 0n })).toEqual({ kind: 'NON_POSITIVE', category: 'TUITION' });
  });

  it('never awards more than requested per category, nor a category not requested', () => {
    expect(checkAward(ctx(), { TUITION: 100_000n, TEXTBOOKS: 5_000n })).toBeNull();
    expect(checkAward(ctx(), { TUITION: 100_001n })).toEqual({ kind: 'EXCEEDS_REQUESTED', category: 'TUITION', requested: 100_000n });
    expect(checkAward(ctx(), { TRANSPORT: 1n })).toEqual({ kind: 'CATEGORY_NOT_REQUESTED', category: 'TRANSPORT' });
    expect(checkAward(ctx(), { TUITION: 0n })).toMatchObject({ kind: 'NON_POSITIVE' });
  });

  it('keeps the per-award, per-person and budget limits', () => {
    const big = ctx({ requested: { TUITION: 300_000n } });
    expect(checkAward(big, { TUITION: 150_001n })).toEqual({ kind: 'EXCEEDS_PER_AWARD', max: 150_000n });
    expect(checkAward(ctx({ awardedToPerson: 150_000n }), { TUITION: 50_001n })).toEqual({ kind: 'EXCEEDS_PER_PERSON', max: 200_000n, already: 150_000n });
    expect(checkAward(ctx({ awardedToPerson: 150_000n }), { TUITION: 50_000n })).toBeNull();
    expect(checkAward(ctx({ awardedInProgram: 950_000n }), { TUITION: 50_001n })).toEqual({ kind: 'EXCEEDS_BUDGET', remaining: 50_000n });
    expect(checkAward(ctx({ awardedInProgram: 950_000n }), { TUITION: 50_000n })).toBeNull();
  });

  it('an accepted award never takes the program over its budget (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.bigInt({ min: 1n, max: 100_000n }), (already, amount) => {
        const problem = checkAward(ctx({ awardedInProgram: already }), { TUITION: amount });
        if (problem === null) expect(already + amount).toBeLessThanOrEqual(limits.totalBudget);
      }),
    );
  });

  it('derives committed, disbursed and remaining from awards and payments', () => {
    expect(budgetFigures(1_000_000n, 300_000n, 120_000n)).toEqual({ budget: 1_000_000n, committed: 180_000n, disbursed: 120_000n, remaining: 700_000n });
  });

  it('needs two approvers strictly above the threshold; fiscal years start in April', () => {
    expect(needsTwoApprovers(100_000n, 100_000n)).toBe(false);
    expect(needsTwoApprovers(100_001n, 100_000n)).toBe(true);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
  });
});
