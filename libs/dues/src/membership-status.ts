/**
 * The life of a membership, written down in one place. Every status change in
 * the code goes through `transition()`; the table below is the whole truth.
 *
 *   PENDING   joined, first invoice not yet paid in full
 *   ACTIVE    paid for the current period
 *   GRACE     a new period started unpaid; benefits kept until the plan's grace days run out
 *   LAPSED    the grace ran out unpaid (or a joiner never paid)
 *   CANCELLED ended by the member or staff; final
 */
export enum MembershipStatus {
  Pending = 'PENDING',
  Active = 'ACTIVE',
  Grace = 'GRACE',
  Lapsed = 'LAPSED',
  Cancelled = 'CANCELLED',
}

export enum MembershipEvent {
  /** An invoice was paid in full and the paid periods reach today. */
  PaidInFull = 'PAID_IN_FULL',
  /** The paid period ended and the next one's invoice is unpaid (renewals drive it). */
  PeriodEndedUnpaid = 'PERIOD_ENDED_UNPAID',
  /** The grace days ran out unpaid (renewals drive it). */
  GraceExpired = 'GRACE_EXPIRED',
  /** A lapsed member joins again: a new first invoice. */
  Rejoin = 'REJOIN',
  Cancel = 'CANCEL',
}

const S = MembershipStatus;
const E = MembershipEvent;

/** From status → event → to status. A missing entry is a transition that is not allowed. */
export const MEMBERSHIP_TRANSITIONS: Readonly<Record<MembershipStatus, Readonly<Partial<Record<MembershipEvent, MembershipStatus>>>>> = {
  [S.Pending]: { [E.PaidInFull]: S.Active, [E.GraceExpired]: S.Lapsed, [E.Cancel]: S.Cancelled },
  [S.Active]: { [E.PaidInFull]: S.Active, [E.PeriodEndedUnpaid]: S.Grace, [E.Cancel]: S.Cancelled },
  [S.Grace]: { [E.PaidInFull]: S.Active, [E.GraceExpired]: S.Lapsed, [E.Cancel]: S.Cancelled },
  [S.Lapsed]: { [E.PaidInFull]: S.Active, [E.Rejoin]: S.Pending, [E.Cancel]: S.Cancelled },
  [S.Cancelled]: {},
};

/** The status after `event`, or null when the event is not allowed in `from`. */
export function transition(from: MembershipStatus, event: MembershipEvent): MembershipStatus | null {
  return MEMBERSHIP_TRANSITIONS[from][event] ?? null;
}

export function canTransition(from: MembershipStatus, event: MembershipEvent): boolean {
  return transition(from, event) !== null;
}

/** Statuses that fiscal-year invoices are issued to. (A member has at most one membership that is not CANCELLED.) */
export const CURRENT_STATUSES: readonly MembershipStatus[] = [S.Pending, S.Active, S.Grace];

/** Statuses of a membership that has ended (a lapsed one may be rejoined). */
export function isEnded(status: MembershipStatus): boolean {
  return status === S.Lapsed || status === S.Cancelled;
}
