import { Role } from './role.js';

/*
 * Who reads and who changes each context's data: the lists every resolver's @Allow and every service's
 * scope check use, defined once. A branch role on a list acts on its own branches only (the service
 * checks the scope); FEDERATION_ADMIN and AUDITOR see every branch. The auditor reads and never changes.
 */

/** Branches' data — members, memberships, dues, payments, settlements, receipts, bank reconciliation: who reads. */
export const BRANCH_STAFF = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.AUDITOR] as const;
/** Branches' data: who changes it (never the auditor). */
export const BRANCH_WRITERS = [Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER] as const;

/** Ledgers (each only the books in their scope; grant staff the foundation's book). */
export const LEDGER_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.GRANT_OFFICER, Role.GRANT_APPROVER] as const;
/** Manual journal entries and their reversals. */
export const MANUAL_ENTRY_WRITERS = [Role.FEDERATION_ADMIN, Role.BRANCH_TREASURER] as const;
/** Closing a month of a book (reopening is the federation admin's alone). */
export const PERIOD_CLOSERS = [Role.FEDERATION_ADMIN, Role.BRANCH_TREASURER, Role.BRANCH_ADMIN] as const;

/** The foundation's grant staff: review, decide, pay. Only they see payees' bank details and applicants' personal data in lists. */
export const GRANT_STAFF = [Role.GRANT_OFFICER, Role.GRANT_APPROVER] as const;
/**
 * Who puts queued grant payments in a batch and writes its Zengin 総合振込 file (the file the bank pays from): the
 * officer prepares, the approvers have decided; the auditor and federation admins never.
 */
export const GRANT_BATCH_WRITERS = [Role.GRANT_OFFICER] as const;
/** Who reads grant programs, applications, batches and reports (the auditor and federation admins read, never change). */
export const GRANT_READERS = [Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.FEDERATION_ADMIN, Role.AUDITOR] as const;
/** Who manages grant programs. */
export const GRANT_PROGRAM_MANAGERS = [Role.GRANT_APPROVER, Role.FEDERATION_ADMIN] as const;
/** Who may see grant applicants' names and contacts in lists and the grantee report. */
export const GRANT_PERSONAL_DATA_READERS = [Role.GRANT_OFFICER, Role.GRANT_APPROVER, Role.AUDITOR] as const;

/** Who reads the users and their roles. */
export const USER_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR] as const;
/** Who reads the audit trail (a branch admin: their branches' events). */
export const AUDIT_READERS = [Role.FEDERATION_ADMIN, Role.AUDITOR, Role.BRANCH_ADMIN] as const;
