import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from './json.scalar.js';
import { Connection } from '#core';
import type { Actor } from '#access';
import type { AuditEvent } from '../audit-event.entity.js';

@ObjectType('AuditEvent')
export class AuditEventObject {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) occurredAt: Date;
  @Field(() => ID) actorUserId: string;
  @Field(() => String, { nullable: true, description: 'Who did it, by name' }) actorName: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The actor’s e-mail address: shown to federation admins and auditors, and to the actor themselves; null for everyone else (branch staff see names)',
  })
  actorEmail: string | null;
  @Field() action: string;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;

  /** The event as `viewer` may see it: other staff's addresses only for federation-wide roles. */
  static from(e: AuditEvent, viewer: Actor): AuditEventObject {
    return Object.assign(new AuditEventObject(), {
      id: e.id,
      occurredAt: e.occurredAt,
      actorUserId: e.actorUserId,
      actorName: e.actorName,
      actorEmail: viewer.federationWide || viewer.userId === e.actorUserId ? e.actorEmail : null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
    });
  }
}

export const AuditEventConnection = Connection(AuditEventObject);
