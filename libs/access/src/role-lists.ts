import { Role } from './role.js';

/*
 * Who reads and who changes each context's data: the lists every resolver's @Allow and every service's
 * scope check use, defined once. A branch role on a list acts on its own branches only (the service
 * checks the scope); FEDERATION_ADMIN and AUDITOR see every branch. The auditor reads and never changes.
 */

/** Branches' data — members, memberships, dues, payments, settlements, receipts, bank reconciliation: who reads. */
export const BRANCH_STAFF = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.AUDITOR] as const;
/** Branches' data: who changes it (never the auditor); also who refunds or cancels a donation on a donor's behalf. */
export const BRANCH_WRITERS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER] as const;
/**
 * A branch's admins and treasurers, on their own branches only (callers check federation-wide roles first): read the
 * branch's book, record cash or transfers into its funds, read the donations and monthly gifts credited to it.
 */
export const BRANCH_OFFICERS = [Role.BRANCH_ADMIN, Role.BRANCH_TREASURER] as const;
/** Moving a member to another branch (a branch admin: from their branches). */
export const MEMBER_TRANSFERRERS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN] as const;
/** Running renewal issuance and reminders by hand (a branch admin: for their branches; all branches: federation admins). */
export const RENEWAL_RUNNERS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN] as const;

/** Managing a fund, and changing a monthly gift on its donor's behalf: federation admins any, branch admins their branches' (never the auditor). */
export const FUND_MANAGERS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN] as const;
/** Calling the monthly-gift changes (pause, resume, change, cancel): the donor their own gift, and the fund managers. */
export const MONTHLY_GIFT_CHANGERS = [Role.MEMBER, ...FUND_MANAGERS] as const;

/** Ledgers (each only the books in their scope; grant staff the foundation's book). */
export const LEDGER_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.GRANT_OFFICER, Role.GRANT_APPROVER] as const;
/** Manual journal entries and their reversals. */
export const MANUAL_ENTRY_WRITERS = [Role.FEDERATION_ADMIN, Role.BRANCH_TREASURER] as const;
/** Closing a month of a book (reopening is the federation admin's alone). */
export const PERIOD_CLOSERS = [Role.FEDERATION_ADMIN, Role.BRANCH_TREASURER, Role.BRANCH_ADMIN] as const;
/** Setting how a book's accounts are named in its accounting software (a branch admin: their branch's book). */
export const ACCOUNT_MAPPING_EDITORS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN] as const;

/** The federation's own bank accounts: who reconciles their statement lines. */
export const FEDERATION_ACCOUNT_WRITERS = [Role.FEDERATION_ADMIN] as const;
/** The federation's own bank accounts: who reads their statements. */
export const FEDERATION_ACCOUNT_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR] as const;
/** The foundation's bank accounts: who reconciles their statement lines (grant disbursements go out of them). */
export const FOUNDATION_ACCOUNT_WRITERS = [Role.FEDERATION_ADMIN, Role.GRANT_OFFICER, Role.GRANT_APPROVER] as const;
/** The foundation's bank accounts: who reads their statements. */
export const FOUNDATION_ACCOUNT_READERS = [...FOUNDATION_ACCOUNT_WRITERS, Role.AUDITOR] as const;

/** The foundation's grant staff: review, decide, pay. Only they see payees' bank details and applicants' personal data in lists. */
export const GRANT_STAFF = [Role.GRANT_OFFICER, Role.GRANT_APPROVER] as const;
/**
 * Who puts queued grant payments in a batch and writes its Zengin 総合振込 file (the file the bank pays from): the
 * officer prepares, the approvers have decided; the auditor and federation admins never.
 */
export const GRANT_BATCH_WRITERS = [Role.GRANT_OFFICER] as const;
/** Who reads grant programs, applications, batches and reports (the auditor and federation admins read, never change). */
export const GRANT_READERS = [Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.FEDERATION_ADMIN, Role.AUDITOR] as const;
/** Who creates, edits, submits and cancels a grant application: the member applying, or an officer on their behalf. */
export const GRANT_APPLICANTS = [Role.MEMBER, Role.GRANT_OFFICER] as const;
/** Moving a grant application that is the officer's alone: start its review, complete it, cancel it under review. */
export const GRANT_OFFICER_STEPS = [Role.GRANT_OFFICER] as const;
/** Deciding a grant application: approve or reject (large grants by two approvers). */
export const GRANT_DECIDERS = [Role.GRANT_APPROVER] as const;
/** Who reads grant applications: the grant readers every one, a member their own (the service checks which). */
export const GRANT_APPLICATION_READERS = [...GRANT_READERS, Role.MEMBER] as const;
/** Who manages grant programs. */
export const GRANT_PROGRAM_MANAGERS = [Role.GRANT_APPROVER, Role.FEDERATION_ADMIN] as const;
/** Who may see grant applicants' names and contacts in lists and the grantee report. */
export const GRANT_PERSONAL_DATA_READERS = [Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.AUDITOR] as const;

/** Who reads the users and their roles. */
export const USER_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR] as const;
/** Who reads the audit trail (a branch admin: their branches' events). */
export const AUDIT_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR, Role.BRANCH_ADMIN] as const;
