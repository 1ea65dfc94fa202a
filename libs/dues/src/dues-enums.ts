/**
 * The vocabulary of dues (plain enums; their GraphQL registration is in api/dues-enums.graphql.ts).
 * PeriodMode (periods.ts) and ShareKind (allocation.ts) live beside the pure code that uses them.
 */

/** 団体会員の規模区分: organizations pay by size tier (the members library's enum). */
export { OrganizationSizeTier } from '#members';

/** How a member joining mid-period is charged. */
export enum JoinerCharge {
  FULL_YEAR = 'FULL_YEAR',
  REMAINING_MONTHS = 'REMAINING_MONTHS',
}

export enum InvoiceStatus {
  OPEN = 'OPEN',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  VOID = 'VOID',
}

/** Invoices that still expect money. */
export const UNPAID_INVOICE_STATUSES: readonly InvoiceStatus[] = [InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID];
