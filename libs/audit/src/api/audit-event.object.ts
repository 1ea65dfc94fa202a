import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from './json.scalar.js';
import { Connection } from '#core';
import type { AuditEvent } from '../audit-event.entity.js';

@ObjectType('AuditEvent')
export class AuditEventObject {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) occurredAt: Date;
  @Field(() => ID) actorUserId: string;
  @Field() actorEmail: string;
  @Field() action: string;
  @Field() entityType: string;
  @Field() entityId: string;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;

  static from(e: AuditEvent): AuditEventObject {
    return Object.assign(new AuditEventObject(), {
      id: e.id,
      occurredAt: e.occurredAt,
      actorUserId: e.actorUserId,
      actorEmail: e.actorEmail,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
    });
  }
}

export const AuditEventConnection = Connection(AuditEventObject);
