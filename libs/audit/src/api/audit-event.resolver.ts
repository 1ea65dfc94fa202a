import { Args, Query, Resolver } from '@nestjs/graphql';
import { mapPage } from '#core';
import { Actor, Allow, AUDIT_READERS, CurrentActor } from '#access';
import { AuditLog } from '../audit-log.service.js';
import { AuditEventConnection, AuditEventObject } from './audit-event.object.js';
import { AuditEventsArgs } from './audit-events.args.js';

@Resolver(() => AuditEventObject)
export class AuditEventResolver {
  constructor(private readonly audit: AuditLog) {}

  @Query(() => AuditEventConnection, { description: 'Audit trail, newest first. Branch admins see their branches only.' })
  @Allow(...AUDIT_READERS)
  async auditEvents(@CurrentActor() actor: Actor, @Args() args: AuditEventsArgs) {
    const page = await this.audit.list(
      { entityType: args.entityType, entityId: args.entityId, branchIds: actor.branchScope() },
      { first: args.first, after: args.after },
    );
    return mapPage(page, (e) => AuditEventObject.from(e, actor));
  }
}
