import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { allocatePayment, planCreditApplication, type AllocationRequest, type OpenInvoice } from './allocation.js';

const yen = (max = 200_000n) => fc.bigInt({ min: 0n, max });

/** 0–6 invoices with distinct ids and what is owed on each; requests naming them in a shuffled order, some with fixed amounts. */
const scenario = fc
  .array(yen(), { minLength: 0, maxLength: 6 })
  .chain((owed) => {
    const invoices: OpenInvoice[] = owed.map((outstanding, i) => ({ invoiceId: `inv-${i}`, outstanding }));
    return fc.record({
      invoices: fc.constant(invoices),
      order: fc.shuffledSubarray(invoices, { minLength: invoices.length, maxLength: invoices.length }),
      fixed: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }), { minLength: invoices.length, maxLength: invoices.length }),
      amount: fc.bigInt({ min: 1n, max: 1_000_000n }),
      allowCredit: fc.boolean(),
    });
  })
  .map(({ invoices, order, fixed, amount, allowCredit }) => {
    // A fixed share is a fraction of the invoice's outstanding (at least 1 yen), so it is always valid on its own.
    const requests: AllocationRequest[] = order.map((inv, i) => {
      const share = fixed[i];
      if (share === undefined || inv.outstanding === 0n) return { invoiceId: inv.invoiceId };
      const fixedAmount = BigInt(Math.floor(Number(inv.outstanding) * share));
      return { invoiceId: inv.invoiceId, amount: fixedAmount < 1n ? 1n : fixedAmount };
    });
    return { invoices, requests, amount, allowCredit };
  });

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

const RUNS = 500;

/**
 * Runs a property that only checks some cases (a refused allocation has nothing to check) and
 * fails when too few of them were checked: a property that returns early on most cases proves nothing.
 * `check` returns false for a case it did not check.
 */
function assertChecked<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => boolean, minChecked: number): void {
  let checked = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      if (check(value)) checked++;
    }),
    { numRuns: RUNS },
  );
  expect(checked).toBeGreaterThanOrEqual(minChecked);
}

describe('allocatePayment', () => {
  it('splits 10,000 yen over a 3,000 and a 5,000 invoice with 2,000 left as credit when allowed', () => {
    const invoices = [
      { invoiceId: 'a', outstanding: 3000n },
      { invoiceId: 'b', outstanding: 5000n },
    ];
    const requests = [{ invoiceId: 'a' }, { invoiceId: 'b' }];
    expect(allocatePayment({ amount: 10_000n, requests, invoices, allowCredit: true })).toEqual({
      ok: true,
      plan: { allocations: [{ invoiceId: 'a', amount: 3000n }, { invoiceId: 'b', amount: 5000n }], credit: 2000n },
    });
    expect(allocatePayment({ amount: 10_000n, requests, invoices, allowCredit: false })).toEqual({
      ok: false,
      problem: { kind: 'OVERPAYMENT', credit: 2000n },
    });
  });

  it('leaves the later invoice partially paid when the payment is short', () => {
    const invoices = [
      { invoiceId: 'a', outstanding: 3000n },
      { invoiceId: 'b', outstanding: 5000n },
    ];
    const result = allocatePayment({ amount: 4000n, requests: [{ invoiceId: 'a' }, { invoiceId: 'b' }], invoices, allowCredit: false });
    expect(result).toEqual({ ok: true, plan: { allocations: [{ invoiceId: 'a', amount: 3000n }, { invoiceId: 'b', amount: 1000n }], credit: 0n } });
  });

  it('honours a fixed amount before filling the others', () => {
    const invoices = [
      { invoiceId: 'a', outstanding: 3000n },
      { invoiceId: 'b', outstanding: 5000n },
    ];
    const result = allocatePayment({ amount: 4000n, requests: [{ invoiceId: 'a' }, { invoiceId: 'b', amount: 2500n }], invoices, allowCredit: false });
    expect(result).toEqual({ ok: true, plan: { allocations: [{ invoiceId: 'a', amount: 1500n }, { invoiceId: 'b', amount: 2500n }], credit: 0n } });
  });

  it('refuses zero or negative payments, duplicates, unknown invoices and amounts over what is owed', () => {
    const invoices = [{ invoiceId: 'a', outstanding: 3000n }];
    const base = { invoices, allowCredit: true };
    expect(allocatePayment({ ...base, amount: 0n, requests: [{ invoiceId: 'a' }] })).toMatchObject({ ok: false, problem: { kind: 'NON_POSITIVE_AMOUNT' } });
    expect(allocatePayment({ ...base, amount: -5n, requests: [{ invoiceId: 'a' }] })).toMatchObject({ ok: false, problem: { kind: 'NON_POSITIVE_AMOUNT' } });
    expect(allocatePayment({ ...base, amount: 10n, requests: [{ invoiceId: 'a' }, { invoiceId: 'a' }] })).toMatchObject({
      ok: false,
      problem: { kind: 'DUPLICATE_INVOICE', index: 1 },
    });
    expect(allocatePayment({ ...base, amount: 10n, requests: [{ invoiceId: 'x' }] })).toMatchObject({ ok: false, problem: { kind: 'UNKNOWN_INVOICE', index: 0 } });
    expect(allocatePayment({ ...base, amount: 5000n, requests: [{ invoiceId: 'a', amount: 3001n }] })).toMatchObject({
      ok: false,
      problem: { kind: 'EXCEEDS_OUTSTANDING', index: 0, outstanding: 3000n },
    });
    expect(allocatePayment({ ...base, amount: 5000n, requests: [{ invoiceId: 'a', amount: 0n }] })).toMatchObject({
      ok: false,
      problem: { kind: 'NON_POSITIVE_ALLOCATION', index: 0 },
    });
    expect(allocatePayment({ ...base, amount: 100n, requests: [{ invoiceId: 'a', amount: 200n }] })).toMatchObject({
      ok: false,
      problem: { kind: 'EXCEEDS_PAYMENT', allocated: 200n },
    });
  });

  it('puts a payment against an invoice already paid entirely into credit, only when allowed', () => {
    const invoices = [{ invoiceId: 'a', outstanding: 0n }];
    expect(allocatePayment({ amount: 3000n, requests: [{ invoiceId: 'a' }], invoices, allowCredit: true })).toEqual({
      ok: true,
      plan: { allocations: [], credit: 3000n },
    });
    expect(allocatePayment({ amount: 3000n, requests: [{ invoiceId: 'a' }], invoices, allowCredit: false })).toMatchObject({ ok: false });
  });

  it('property: allocations plus credit always equal the payment, and no invoice is over-paid', () => {
    assertChecked(
      scenario,
      ({ invoices, requests, amount, allowCredit }) => {
        const result = allocatePayment({ amount, requests, invoices, allowCredit });
        if (!result.ok) return false;
        const owed = new Map(invoices.map((i) => [i.invoiceId, i.outstanding]));
        expect(sum(result.plan.allocations.map((a) => a.amount)) + result.plan.credit).toBe(amount);
        for (const a of result.plan.allocations) {
          expect(a.amount > 0n).toBe(true);
          expect(a.amount <= owed.get(a.invoiceId)!).toBe(true);
        }
        expect(new Set(result.plan.allocations.map((a) => a.invoiceId)).size).toBe(result.plan.allocations.length);
        expect(result.plan.credit >= 0n).toBe(true);
        return true;
      },
      RUNS / 4,
    );
  });

  it('property: credit appears only when allowed and only once every invoice is paid in full', () => {
    assertChecked(
      scenario,
      ({ invoices, requests, amount, allowCredit }) => {
        const result = allocatePayment({ amount, requests, invoices, allowCredit });
        if (!result.ok || result.plan.credit === 0n) return false;
        expect(allowCredit).toBe(true);
        const got = new Map(result.plan.allocations.map((a) => [a.invoiceId, a.amount]));
        for (const r of requests) {
          if (r.amount != null) continue;
          const inv = invoices.find((i) => i.invoiceId === r.invoiceId)!;
          expect(got.get(r.invoiceId) ?? 0n).toBe(inv.outstanding);
        }
        return true;
      },
      RUNS / 10,
    );
  });

  it('property: without fixed amounts, invoices are paid in order and at most one is left partially paid', () => {
    assertChecked(
      scenario,
      ({ invoices, requests, amount, allowCredit }) => {
        const open = requests.map((r) => ({ invoiceId: r.invoiceId }));
        const result = allocatePayment({ amount, requests: open, invoices, allowCredit });
        if (!result.ok) return false;
        const got = new Map(result.plan.allocations.map((a) => [a.invoiceId, a.amount]));
        const owedInOrder = open.map((r) => invoices.find((i) => i.invoiceId === r.invoiceId)!.outstanding);
        const paidInOrder = open.map((r) => got.get(r.invoiceId) ?? 0n);
        const partial = paidInOrder.filter((p, i) => p > 0n && p < owedInOrder[i]);
        expect(partial.length).toBeLessThanOrEqual(1);
        // Once an invoice is short, every later one with something owed got nothing.
        const firstShort = paidInOrder.findIndex((p, i) => p < owedInOrder[i]);
        if (firstShort >= 0) for (let i = firstShort + 1; i < open.length; i++) expect(paidInOrder[i]).toBe(0n);
        return true;
      },
      RUNS / 4,
    );
  });

  it('property: it fails exactly when the payment exceeds what is owed and credit was not allowed (no fixed amounts)', () => {
    fc.assert(
      fc.property(scenario, ({ invoices, requests, amount, allowCredit }) => {
        const open = requests.map((r) => ({ invoiceId: r.invoiceId }));
        const result = allocatePayment({ amount, requests: open, invoices, allowCredit });
        const totalOwed = sum(invoices.map((i) => i.outstanding));
        expect(result.ok).toBe(allowCredit || amount <= totalOwed);
        if (!result.ok) expect(result.problem).toEqual({ kind: 'OVERPAYMENT', credit: amount - totalOwed });
      }),
    );
  });
});

describe('planCreditApplication', () => {
  const sources = fc.array(fc.bigInt({ min: 0n, max: 50_000n }), { maxLength: 5 }).map((xs) => xs.map((available, i) => ({ paymentId: `pay-${i}`, available })));
  const invoices = fc.array(fc.bigInt({ min: 0n, max: 50_000n }), { maxLength: 5 }).map((xs) => xs.map((outstanding, i) => ({ invoiceId: `inv-${i}`, outstanding })));

  it('uses the oldest credit first', () => {
    const moves = planCreditApplication(
      [
        { paymentId: 'old', available: 1000n },
        { paymentId: 'new', available: 5000n },
      ],
      [{ invoiceId: 'a', outstanding: 3000n }],
    );
    expect(moves).toEqual([
      { paymentId: 'old', invoiceId: 'a', amount: 1000n },
      { paymentId: 'new', invoiceId: 'a', amount: 2000n },
    ]);
  });

  it('property: applies exactly min(credit, owed), never more than a source has or an invoice owes', () => {
    fc.assert(
      fc.property(sources, invoices, (ss, is) => {
        const moves = planCreditApplication(ss, is);
        const total = sum(moves.map((m) => m.amount));
        const credit = sum(ss.map((s) => s.available));
        const owed = sum(is.map((i) => i.outstanding));
        expect(total).toBe(credit < owed ? credit : owed);
        for (const s of ss) expect(sum(moves.filter((m) => m.paymentId === s.paymentId).map((m) => m.amount)) <= s.available).toBe(true);
        for (const i of is) expect(sum(moves.filter((m) => m.invoiceId === i.invoiceId).map((m) => m.amount)) <= i.outstanding).toBe(true);
        for (const m of moves) expect(m.amount > 0n).toBe(true);
      }),
    );
  });
});
