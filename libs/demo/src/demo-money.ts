import { addDays, daysBetween, MembershipStatus, type EnrollmentRow } from '#dues';
import { MemberKind, MemberStatus, Random, type DemoMemberRef } from '#members';
import { PaymentMethod } from '#payments';
import { demoPlanCode } from './demo-plans.js';
import type { DemoTimeline } from './demo-timeline.js';

/** One payment the demo records: which share of the member's invoice, when, how. */
export interface DemoPayment {
  memberId: string;
  memberNumber: string;
  branchCode: string;
  receivedOn: string;
  method: PaymentMethod.BANK_TRANSFER | PaymentMethod.CASH;
  /** HALF: half the invoice (rounded down to ¥100); REST: what is still owed; FULL: all of it. */
  portion: 'FULL' | 'HALF' | 'REST';
  /** 1 for the first payment of the member, 2 for the second instalment. */
  instalment: 1 | 2;
}

export interface DemoMoneyPlan {
  enrolments: (Omit<EnrollmentRow, 'planId'> & { planCode: string })[];
  /** In date order (then member number): the order they are recorded in. */
  payments: DemoPayment[];
}

export const DEMO_MONEY_SEED = 20_260_301;

/**
 * Who is on which plan, in what standing, and who paid what when: pure and deterministic (the
 * same members, date and seed give the same plan). Of the members the old register has in good
 * standing, about four in five individuals have paid this year in full (a few in two instalments),
 * one in twenty has paid half and the rest nothing yet (in arrears, in grace); cooperatives pay
 * by bank transfer, mostly in two instalments. Members the register has as lapsed or withdrawn
 * have a lapsed or cancelled membership and no invoice this year.
 */
export function demoMoneyPlan(members: readonly DemoMemberRef[], timeline: DemoTimeline, seed = DEMO_MONEY_SEED): DemoMoneyPlan {
  const random = new Random(seed);
  const enrolments: DemoMoneyPlan['enrolments'] = [];
  const payments: DemoPayment[] = [];
  const { previous, issuedOn, lastPaymentOn } = timeline;
  const span = Math.max(0, daysBetween(addDays(issuedOn, 7), lastPaymentOn));
  /** Most pay soon after the invoice arrives, fewer as the months go by. */
  const firstPaymentOn = () => addDays(issuedOn, 7 + Math.floor(span * random.float() ** 2.2));
  const laterBy = (date: string, min: number, max: number) => addDays(date, random.int(min, max));

  for (const m of members) {
    const planCode = demoPlanCode(m, m.kind === MemberKind.PERSON && random.float() < 0.15);
    const joinedOn = m.joinedOn;
    if (m.status === MemberStatus.LAPSED) {
      enrolments.push({ memberId: m.id, planCode, joinedOn, status: MembershipStatus.LAPSED, periodStart: previous.start, periodEnd: previous.end, paidThrough: addDays(previous.start, -1) });
      continue;
    }
    if (m.status === MemberStatus.WITHDRAWN) {
      enrolments.push({ memberId: m.id, planCode, joinedOn, status: MembershipStatus.CANCELLED, periodStart: previous.start, periodEnd: previous.end, paidThrough: previous.end, cancelledOn: previous.end });
      continue;
    }
    enrolments.push({ memberId: m.id, planCode, joinedOn, status: MembershipStatus.ACTIVE, periodStart: previous.start, periodEnd: previous.end, paidThrough: previous.end });
    if (span === 0) continue;

    const organization = m.kind === MemberKind.ORGANIZATION;
    const method = () => (organization || random.float() < 0.75 ? PaymentMethod.BANK_TRANSFER : PaymentMethod.CASH);
    const base = { memberId: m.id, memberNumber: m.memberNumber, branchCode: m.branchCode };
    const r = random.float();
    const [whole, instalments, half] = organization ? [0.25, 0.6, 0.15] : [0.8, 0.04, 0.05];
    if (r < whole) {
      payments.push({ ...base, receivedOn: firstPaymentOn(), method: method(), portion: 'FULL', instalment: 1 });
    } else if (r < whole + instalments) {
      const first = firstPaymentOn();
      payments.push({ ...base, receivedOn: first, method: method(), portion: 'HALF', instalment: 1 });
      const second = laterBy(first, 60, 200);
      if (second <= lastPaymentOn) payments.push({ ...base, receivedOn: second, method: method(), portion: 'REST', instalment: 2 });
    } else if (r < whole + instalments + half) {
      payments.push({ ...base, receivedOn: firstPaymentOn(), method: method(), portion: 'HALF', instalment: 1 });
    }
  }
  payments.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.memberNumber < b.memberNumber ? -1 : 1));
  return { enrolments, payments };
}

/** Half an amount, rounded down to ¥100 (at least ¥100). */
export function halfOf(amount: bigint): bigint {
  const half = (amount / 2n / 100n) * 100n;
  return half > 0n ? half : 100n;
}
