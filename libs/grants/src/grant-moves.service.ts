import { Injectable } from '@nestjs/common';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { GrantAction, GrantApplicationStatus, transition } from './application-status.js';
import { effectiveRoles } from './grant-access.js';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantsError } from './grants.errors.js';

/**
 * Moves an application through the state table (application-status.ts) and audits the move with
 * its comment. Called inside the use case's transaction, on a locked application.
 */
@Injectable()
export class GrantMoves {
  constructor(
    private readonly applications: GrantApplicationRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Throws unless `action` is allowed for the actor on the application in its status. */
  check(actor: Actor, application: GrantApplication, action: GrantAction): GrantApplicationStatus {
    const result = transition(application.status, action, effectiveRoles(actor, application));
    if (!result.ok) throw result.reason === 'WRONG_ROLE' ? GrantsError.wrongRole(action) : GrantsError.wrongStatus(application.status, action);
    return result.to;
  }

  /** Applies the move (and `changes`), saves and audits it. */
  async apply(
    actor: Actor,
    application: GrantApplication,
    action: GrantAction,
    comment: string | null,
    changes: Partial<GrantApplication> = {},
  ): Promise<GrantApplication> {
    const to = this.check(actor, application, action);
    const before = { ...application };
    Object.assign(application, changes, { status: to });
    const saved = await this.applications.save(application);
    await this.record(actor, action, before, saved, comment);
    return saved;
  }

  /** Audits a step that keeps the status (a review, a first approval, a payment). */
  async record(actor: Actor, action: GrantAction | string, before: GrantApplication | null, after: GrantApplication, comment: string | null): Promise<void> {
    await this.audit.record(actor, {
      action: `grantApplication.${String(action).toLowerCase()}`,
      entityType: 'GrantApplication',
      entityId: after.id,
      before: before ? { ...before, comment: null } : null,
      after: { ...after, comment },
    });
  }
}
