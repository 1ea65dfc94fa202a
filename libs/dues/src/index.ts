/**
 * Dues: plans, memberships, invoices, fiscal-year issuance, treasurers' reports.
 * Membership lives here, in libs/dues, beside the plans and invoices that drive
 * it (members owns the people and organizations; a membership refers to a member id).
 */
export * from './dues.module.js';
export * from './entities.js';
export * from './dues-enums.js';
export * from './dues.errors.js';
export * from './membership-status.js';
export * from './periods.js';
export * from './allocation.js';
export * from './dues-plan.entity.js';
export * from './membership.entity.js';
export * from './membership-status-change.entity.js';
export * from './invoice.entity.js';
export * from './invoice-settlement.service.js';
export * from './invoice-payability.js';
export * from './membership-lifecycle.service.js';
export * from './fiscal-year-issuance.service.js';
export * from './dues-reports.service.js';
export * from './membership-renewal.service.js';
export * from './renewal-issuance.service.js';
export * from './renewal-queries.service.js';
export * from './membership-auto-renew.service.js';
export * from './membership-starts.service.js';
export * from './membership-transfer.service.js';
export * from './dues-plan.service.js';
export * from './dues-queries.service.js';
export * from './membership.service.js';
export * from './invoice-voiding.service.js';
export * from './membership-enrollment.service.js';
export * from './membership-standing-scan.service.js';
export * from './api/dues-plan.input.js';
export * from './api/membership.object.js';
export { JoinMembershipInput } from './api/membership.input.js';
export { FiscalYearArgs, VoidDuesInvoiceInput } from './api/invoice.input.js';
export * from './invoice-batch-settlement.service.js';
export * from './recognition-policy.js';
export * from './dues-recognition.service.js';
export * from './recognition-setting.entity.js';
export * from './dues-control-accounts.service.js';
export * from './api/dues-api.module.js';
