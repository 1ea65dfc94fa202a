import type { Actor } from '#auth';
import type { Invoice } from '#dues';
import { PAYMENT_WRITERS } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';

/**
 * The branch whose book takes a payment (or a use of credit): the branch that issued the invoices
 * it pays — their receivable is in that book — and the member's home branch when it pays none.
 * After a transfer (転籍) the former branch (or a federation admin) collects the invoices it issued;
 * the new branch is told so (INVOICE_OF_ANOTHER_BRANCH on the field) rather than refused blindly.
 * One payment goes into one book: invoices of two branches are two payments.
 *
 * `invoices` are those the request names (any order, unknown ids absent); `field(i)` names the
 * i-th request. Invoices of another member are left to the caller's own checks.
 */
export function collectingBranch(
  actor: Actor,
  input: { memberId: string; homeBranchId: string; invoiceIds: readonly string[]; invoices: readonly Pick<Invoice, 'id' | 'memberId' | 'branchId'>[] },
  field: (index: number) => string,
): string {
  const byId = new Map(input.invoices.map((i) => [i.id, i]));
  const own = input.invoiceIds.map((id) => byId.get(id)).map((i) => (i && i.memberId === input.memberId ? i : undefined));
  const first = own.findIndex((i) => i !== undefined);
  if (first < 0) return input.homeBranchId;
  const branchId = own[first]!.branchId;
  const other = own.findIndex((i) => i !== undefined && i.branchId !== branchId);
  if (other >= 0) throw PaymentsError.invoiceOfAnotherBranch(field(other));
  // Staff of the member's branch who may not collect for the issuing branch: name the invoice.
  if (branchId !== input.homeBranchId && !actor.canActOnBranch(branchId, PAYMENT_WRITERS) && actor.canActOnBranch(input.homeBranchId, PAYMENT_WRITERS)) {
    throw PaymentsError.invoiceOfAnotherBranch(field(first));
  }
  return branchId;
}
