import { GRANT_APPLICANTS, GRANT_DECIDERS, GRANT_OFFICER_STEPS, GRANT_STAFF, type Role } from '#auth';

export enum GrantApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum GrantAction {
  SUBMIT = 'SUBMIT',
  START_REVIEW = 'START_REVIEW',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DISBURSE = 'DISBURSE',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}

const S = GrantApplicationStatus;
const A = GrantAction;

/** MEMBER here means the applicant themself (their own application); the service checks it is theirs. */
export interface Transition {
  from: GrantApplicationStatus;
  action: GrantAction;
  to: GrantApplicationStatus;
  roles: readonly Role[];
}

/**
 * Who moves an application where: the one table. Every move is audited with a comment.
 * APPROVE above the program's threshold takes two different approvers: the first approval is
 * recorded and the application stays UNDER_REVIEW until the second.
 */
export const GRANT_TRANSITIONS: readonly Transition[] = [
  { from: S.DRAFT, action: A.SUBMIT, to: S.SUBMITTED, roles: GRANT_APPLICANTS },
  { from: S.CHANGES_REQUESTED, action: A.SUBMIT, to: S.SUBMITTED, roles: GRANT_APPLICANTS },
  { from: S.SUBMITTED, action: A.START_REVIEW, to: S.UNDER_REVIEW, roles: GRANT_OFFICER_STEPS },
  { from: S.UNDER_REVIEW, action: A.REQUEST_CHANGES, to: S.CHANGES_REQUESTED, roles: GRANT_STAFF },
  { from: S.UNDER_REVIEW, action: A.APPROVE, to: S.APPROVED, roles: GRANT_DECIDERS },
  { from: S.UNDER_REVIEW, action: A.REJECT, to: S.REJECTED, roles: GRANT_DECIDERS },
  { from: S.APPROVED, action: A.DISBURSE, to: S.DISBURSED, roles: GRANT_STAFF },
  { from: S.DISBURSED, action: A.DISBURSE, to: S.DISBURSED, roles: GRANT_STAFF },
  { from: S.DISBURSED, action: A.COMPLETE, to: S.COMPLETED, roles: GRANT_OFFICER_STEPS },
  { from: S.DRAFT, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_APPLICANTS },
  { from: S.SUBMITTED, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_APPLICANTS },
  { from: S.CHANGES_REQUESTED, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_APPLICANTS },
  { from: S.UNDER_REVIEW, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_OFFICER_STEPS },
  { from: S.APPROVED, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_STAFF },
  { from: S.DISBURSED, action: A.CANCEL, to: S.CANCELLED, roles: GRANT_STAFF },
];

export type TransitionResult = { ok: true; to: GrantApplicationStatus } | { ok: false; reason: 'WRONG_STATUS' | 'WRONG_ROLE'; allowedFrom: GrantApplicationStatus[] };

/** Where `action` takes an application in `from` when done by someone holding `roles`. */
export function transition(from: GrantApplicationStatus, action: GrantAction, roles: ReadonlySet<Role>): TransitionResult {
  const byAction = GRANT_TRANSITIONS.filter((t) => t.action === action);
  const match = byAction.find((t) => t.from === from);
  const allowedFrom = byAction.map((t) => t.from);
  if (!match) return { ok: false, reason: 'WRONG_STATUS', allowedFrom };
  if (!match.roles.some((r) => roles.has(r))) return { ok: false, reason: 'WRONG_ROLE', allowedFrom };
  return { ok: true, to: match.to };
}

