import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { MembershipService, type Invoice, type Membership } from '#dues';
import { createPerson } from './member.factory.js';

export interface JoinedMembership {
  membership: Membership;
  /** The invoice joining issued (the first period's dues). */
  invoice: Invoice;
}

/** A member joins a plan through the dues service (as the system): the membership and its first invoice. */
export async function joinMembership(
  app: INestApplicationContext,
  input: { memberId: string; planId: string; joinedOn?: string },
): Promise<JoinedMembership> {
  return app.get(MembershipService).join(SYSTEM_ACTOR, input);
}

/** A new individual member of the branch who joined the plan: the member, the membership and an open invoice. */
export async function createMemberWithInvoice(
  app: INestApplicationContext,
  input: { branchId: string; planId: string; joinedOn?: string },
): Promise<JoinedMembership & { memberId: string }> {
  const member = await createPerson(app, { branchId: input.branchId });
  return { memberId: member.id, ...(await joinMembership(app, { memberId: member.id, planId: input.planId, joinedOn: input.joinedOn })) };
}
