/**
 * How a payment is split across invoices. Pure: no Nest, no database.
 *
 * Rules
 * - The payment amount is positive.
 * - Invoices are taken in the order given. An invoice with an explicit amount takes exactly that
 *   (positive, at most its outstanding); the rest of the payment then fills the other invoices in
 *   order, each up to its outstanding (so at most one of them ends partially paid: underpayment).
 * - What is left after every invoice is filled is member credit (overpayment), allowed only when
 *   the caller opted in (`allowCredit`). An invoice with nothing outstanding simply takes nothing.
 */

export interface OpenInvoice {
  invoiceId: string;
  /** What is still owed on it, minor units, >= 0. */
  outstanding: bigint;
}

export interface AllocationRequest {
  invoiceId: string;
  /** A fixed amount for this invoice; omitted: filled from what is left, in order. */
  amount?: bigint | null;
}

export interface Allocation {
  invoiceId: string;
  amount: bigint;
}

export interface AllocationPlan {
  /** Positive amounts only, in request order. */
  allocations: Allocation[];
  /** Unallocated part: member credit. */
  credit: bigint;
}

export type AllocationProblem =
  | { kind: 'NON_POSITIVE_AMOUNT' }
  | { kind: 'DUPLICATE_INVOICE'; index: number; invoiceId: string }
  | { kind: 'UNKNOWN_INVOICE'; index: number; invoiceId: string }
  | { kind: 'NON_POSITIVE_ALLOCATION'; index: number; invoiceId: string }
  | { kind: 'EXCEEDS_OUTSTANDING'; index: number; invoiceId: string; outstanding: bigint }
  | { kind: 'EXCEEDS_PAYMENT'; allocated: bigint }
  | { kind: 'OVERPAYMENT'; credit: bigint };

export type AllocationResult = { ok: true; plan: AllocationPlan } | { ok: false; problem: AllocationProblem };

export function allocatePayment(input: {
  amount: bigint;
  requests: readonly AllocationRequest[];
  invoices: readonly OpenInvoice[];
  allowCredit: boolean;
}): AllocationResult {
  const fail = (problem: AllocationProblem): AllocationResult => ({ ok: false, problem });
  if (input.amount <= 0n) return fail({ kind: 'NON_POSITIVE_AMOUNT' });

  const outstanding = new Map(input.invoices.map((i) => [i.invoiceId, i.outstanding]));
  const seen = new Set<string>();
  let fixedTotal = 0n;
  for (const [index, r] of input.requests.entries()) {
    if (seen.has(r.invoiceId)) return fail({ kind: 'DUPLICATE_INVOICE', index, invoiceId: r.invoiceId });
    seen.add(r.invoiceId);
    const owed = outstanding.get(r.invoiceId);
    if (owed === undefined) return fail({ kind: 'UNKNOWN_INVOICE', index, invoiceId: r.invoiceId });
    if (r.amount === undefined || r.amount === null) continue;
    if (r.amount <= 0n) return fail({ kind: 'NON_POSITIVE_ALLOCATION', index, invoiceId: r.invoiceId });
    if (r.amount > owed) return fail({ kind: 'EXCEEDS_OUTSTANDING', index, invoiceId: r.invoiceId, outstanding: owed });
    fixedTotal += r.amount;
  }
  if (fixedTotal > input.amount) return fail({ kind: 'EXCEEDS_PAYMENT', allocated: fixedTotal });

  let left = input.amount - fixedTotal;
  const allocations: Allocation[] = [];
  for (const r of input.requests) {
    let amount: bigint;
    if (r.amount !== undefined && r.amount !== null) {
      amount = r.amount;
    } else {
      amount = min(left, outstanding.get(r.invoiceId)!);
      left -= amount;
    }
    if (amount > 0n) allocations.push({ invoiceId: r.invoiceId, amount });
  }
  if (left > 0n && !input.allowCredit) return fail({ kind: 'OVERPAYMENT', credit: left });
  return { ok: true, plan: { allocations, credit: left } };
}

export interface CreditSource {
  /** The payment whose unallocated part is the credit. */
  paymentId: string;
  available: bigint;
}

export interface CreditMove {
  paymentId: string;
  invoiceId: string;
  amount: bigint;
}

/**
 * Applies member credit to invoices: oldest credit first, invoices in the order given, each
 * invoice up to its outstanding. Uses min(total credit, total outstanding).
 */
export function planCreditApplication(sources: readonly CreditSource[], invoices: readonly OpenInvoice[]): CreditMove[] {
  const moves: CreditMove[] = [];
  const remaining = sources.map((s) => ({ ...s }));
  let s = 0;
  for (const invoice of invoices) {
    let owed = invoice.outstanding;
    while (owed > 0n && s < remaining.length) {
      const source = remaining[s];
      const amount = min(owed, source.available);
      if (amount > 0n) {
        moves.push({ paymentId: source.paymentId, invoiceId: invoice.invoiceId, amount });
        source.available -= amount;
        owed -= amount;
      }
      if (source.available <= 0n) s++;
    }
  }
  return moves;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
