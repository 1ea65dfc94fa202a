import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '#core';
import './dues-enums.graphql.js';
import { MembershipStatus } from '../membership-status.js';
import type { MembershipStatusChange } from '../membership-status-change.entity.js';
import type { Membership } from '../membership.entity.js';
import { InvoiceObject } from './invoice.object.js';

@ObjectType('MembershipStatusChange')
export class MembershipStatusChangeObject {
  @Field(() => MembershipStatus, { nullable: true }) fromStatus: MembershipStatus | null;
  @Field(() => MembershipStatus) toStatus: MembershipStatus;
  @Field({ description: 'A MembershipEvent, or JOIN' }) event: string;
  @Field() effectiveOn: string;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => GraphQLISODateTime) occurredAt: Date;

  static from(c: MembershipStatusChange): MembershipStatusChangeObject {
    return Object.assign(new MembershipStatusChangeObject(), {
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      event: c.event,
      effectiveOn: c.effectiveOn,
      invoiceId: c.invoiceId,
      occurredAt: c.occurredAt,
    });
  }
}

@ObjectType('Membership')
export class MembershipObject {
  @Field(() => ID) id: string;
  @Field(() => ID) memberId: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) planId: string;
  @Field(() => ID, { nullable: true, description: 'The plan of the next period (a change at renewal)' }) nextPlanId: string | null;
  @Field(() => MembershipStatus, { description: 'The dues standing (paid, in grace, lapsed …), moved by payments and renewals; not the member record\'s MemberStatus' }) status: MembershipStatus;
  @Field() joinedOn: string;
  @Field({ description: 'The latest period invoiced' }) periodStart: string;
  @Field() periodEnd: string;
  @Field(() => String, { nullable: true }) paidThrough: string | null;
  @Field(() => String, { nullable: true }) cancelledOn: string | null;
  @Field({ description: 'Renewal invoices are charged to the saved card on their due date / 自動更新' }) autoRenew: boolean;

  static from(m: Membership): MembershipObject {
    return Object.assign(new MembershipObject(), {
      id: m.id,
      memberId: m.memberId,
      branchId: m.branchId,
      planId: m.planId,
      nextPlanId: m.nextPlanId,
      status: m.status,
      joinedOn: m.joinedOn,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      paidThrough: m.paidThrough,
      cancelledOn: m.cancelledOn,
      autoRenew: m.autoRenew,
    });
  }
}

export const MembershipConnection = Connection(MembershipObject);

@ObjectType('JoinResult')
export class JoinResultObject {
  @Field(() => MembershipObject) membership: MembershipObject;
  @Field(() => InvoiceObject, { description: 'The first invoice' }) invoice: InvoiceObject;
}
