import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AllocationRuleError, allocate, assertValidRule, type AllocationRule } from './allocation.js';
import { prorate } from './periods.js';

const amount = fc.bigInt({ min: 1n, max: 10n ** 12n });
const bpRule = fc.bigInt({ min: 0n, max: 10_000n }).map((value): AllocationRule => ({ kind: 'BASIS_POINTS', value }));
const fixedRuleFor = (a: bigint) => fc.bigInt({ min: 0n, max: a }).map((value): AllocationRule => ({ kind: 'FIXED', value }));

describe('allocation of dues between federation and branch', () => {
  it('splits by basis points, the fraction of a yen staying with the branch', () => {
    expect(allocate(5000n, { kind: 'BASIS_POINTS', value: 3000n })).toEqual({ federation: 1500n, branch: 3500n });
    expect(allocate(999n, { kind: 'BASIS_POINTS', value: 5000n })).toEqual({ federation: 499n, branch: 500n });
    expect(allocate(1000n, { kind: 'BASIS_POINTS', value: 10_000n })).toEqual({ federation: 1000n, branch: 0n });
    expect(allocate(1000n, { kind: 'BASIS_POINTS', value: 0n })).toEqual({ federation: 0n, branch: 1000n });
  });

  it('gives a fixed federation share, prorated with the invoice', () => {
    expect(allocate(6000n, { kind: 'FIXED', value: 2000n })).toEqual({ federation: 2000n, branch: 4000n });
    expect(allocate(3000n, { kind: 'FIXED', value: 2000n }, 6)).toEqual({ federation: 1000n, branch: 2000n });
  });

  it('basis-point shares always add up to the amount, the federation share within one yen below the exact share', () => {
    fc.assert(
      fc.property(amount, bpRule, (a, rule) => {
        const { federation, branch } = allocate(a, rule);
        expect(federation + branch).toBe(a);
        expect(federation).toBeGreaterThanOrEqual(0n);
        expect(branch).toBeGreaterThanOrEqual(0n);
        const exactTimes10k = a * rule.value;
        expect(federation * 10_000n).toBeLessThanOrEqual(exactTimes10k);
        expect(exactTimes10k - federation * 10_000n).toBeLessThan(10_000n);
      }),
    );
  });

  it('fixed shares always add up to the amount and the federation gets exactly its share', () => {
    fc.assert(
      fc.property(amount.chain((a) => fc.tuple(fc.constant(a), fixedRuleFor(a))), ([a, rule]) => {
        assertValidRule(a, rule);
        const { federation, branch } = allocate(a, rule);
        expect(federation).toBe(rule.value);
        expect(federation + branch).toBe(a);
      }),
    );
  });

  it('prorated invoices split within their rule and add up exactly', () => {
    const planAndRule = amount.chain((a) => fc.tuple(fc.constant(a), fc.oneof(bpRule, fixedRuleFor(a))));
    fc.assert(
      fc.property(planAndRule, fc.integer({ min: 1, max: 12 }), ([planAmount, rule], months) => {
        const invoiced = prorate(planAmount, months);
        const { federation, branch } = allocate(invoiced, rule, months);
        expect(federation + branch).toBe(invoiced);
        expect(federation).toBeGreaterThanOrEqual(0n);
        expect(branch).toBeGreaterThanOrEqual(0n);
        if (rule.kind === 'FIXED') {
          // The fixed share × months / 12, rounded down.
          expect(federation * 12n).toBeLessThanOrEqual(rule.value * BigInt(months));
          expect(rule.value * BigInt(months) - federation * 12n).toBeLessThan(12n);
        }
      }),
    );
  });

  it('refuses rules that cannot split the amount, naming the field', () => {
    const refuse = (a: bigint, rule: AllocationRule) => {
      try {
        assertValidRule(a, rule);
      } catch (e) {
        return (e as AllocationRuleError).field;
      }
      return null;
    };
    expect(refuse(0n, { kind: 'BASIS_POINTS', value: 10n })).toBe('amount');
    expect(refuse(-5n, { kind: 'BASIS_POINTS', value: 10n })).toBe('amount');
    expect(refuse(1000n, { kind: 'BASIS_POINTS', value: 10_001n })).toBe('federationShare');
    expect(refuse(1000n, { kind: 'FIXED', value: 1001n })).toBe('federationShare');
    expect(refuse(1000n, { kind: 'FIXED', value: -1n })).toBe('federationShare');
    expect(refuse(1000n, { kind: 'FIXED', value: 1000n })).toBeNull();
  });
});
