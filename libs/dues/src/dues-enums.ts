/** The vocabulary of dues (plain enums; their GraphQL registration is in api/dues-enums.graphql.ts). */

export enum MemberType {
  Individual = 'INDIVIDUAL',
  Organization = 'ORGANIZATION',
}

/** 団体会員の規模区分: organizations pay by size tier. */
export enum OrganizationSizeTier {
  Small = 'SMALL',
  Medium = 'MEDIUM',
  Large = 'LARGE',
}

export enum PeriodModeEnum {
  FiscalYear = 'FISCAL_YEAR',
  Anniversary = 'ANNIVERSARY',
}

/** How a member joining mid-period is charged. */
export enum JoinerCharge {
  FullYear = 'FULL_YEAR',
  RemainingMonths = 'REMAINING_MONTHS',
}

export enum ShareKindEnum {
  Fixed = 'FIXED',
  BasisPoints = 'BASIS_POINTS',
}

export enum InvoiceStatus {
  Open = 'OPEN',
  PartiallyPaid = 'PARTIALLY_PAID',
  Paid = 'PAID',
  Void = 'VOID',
}

/** Invoices that still expect money. */
export const UNPAID_INVOICE_STATUSES: readonly InvoiceStatus[] = [InvoiceStatus.Open, InvoiceStatus.PartiallyPaid];
