import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { Role, type Actor } from '#auth';
import { GrantAction, GrantApplicationStatus } from './application-status.js';
import { checkAward, needsTwoApprovers, total, type CostLines } from './budget.js';
import type { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantLedger } from './grant-ledger.js';
import { GrantMoves } from './grant-moves.service.js';
import { GrantNotices } from './grant-notices.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';
import { GrantLocks } from './grant-locks.js';
import type { ApproveGrantApplicationInput, ReviewGrantApplicationInput } from './api/grant-decision.input.js';

export interface Decided {
  application: GrantApplication;
  program: GrantProgram;
}

/**
 * Review and decision. An officer reviews; an approver decides within the limits, under the
 * program's lock (so concurrent approvals never commit more than the budget); above the
 * threshold a second, different approver confirms. Nobody decides what they made, entered or reviewed.
 */
@Injectable()
export class GrantDecisionService {
  constructor(
    private readonly locks: GrantLocks,
    private readonly applications: GrantApplicationRepository,
    private readonly programs: GrantProgramRepository,
    private readonly moves: GrantMoves,
    private readonly ledger: GrantLedger,
    private readonly notices: GrantNotices,
    private readonly clock: Clock,
  ) {}

  startReview(actor: Actor, id: string, comment: string | null): Promise<Decided> {
    return this.locks.onApplication(actor, id, async (application, program) => ({
      application: await this.moves.apply(actor, application, GrantAction.START_REVIEW, comment),
      program,
    }));
  }

  review(actor: Actor, input: ReviewGrantApplicationInput): Promise<Decided> {
    return this.locks.onApplication(actor, input.id, async (application, program) => {
      // A review is a step inside UNDER_REVIEW: the officer's right to it is START_REVIEW's.
      if (!actor.has(Role.GRANT_OFFICER)) throw GrantsError.wrongRole('REVIEW');
      if (application.status !== GrantApplicationStatus.UNDER_REVIEW) throw GrantsError.wrongStatus(application.status, 'REVIEW');
      const before = { ...application };
      Object.assign(application, {
        reviewedBy: actor.userId,
        reviewChecklist: Object.fromEntries(input.checklist.map((c) => [c.item, c.ok])),
        recommendedAmount: input.recommendedAmount,
        reviewComment: input.comment,
        reviewedAt: this.clock.now(),
      });
      const saved = await this.applications.save(application);
      await this.moves.record(actor, 'review', before, saved, input.comment);
      return { application: saved, program };
    });
  }

  requestChanges(actor: Actor, id: string, comment: string): Promise<Decided> {
    return this.locks.onApplication(actor, id, async (application, program) => {
      const saved = await this.moves.apply(actor, application, GrantAction.REQUEST_CHANGES, comment, { firstApprovedBy: null, firstApprovedCosts: null, firstApprovedAt: null });
      await this.notices.decision(program, saved, 'CHANGES_REQUESTED', comment);
      return { application: saved, program };
    });
  }

  reject(actor: Actor, id: string, comment: string): Promise<Decided> {
    return this.locks.onApplication(actor, id, async (application, program) => {
      this.moves.check(actor, application, GrantAction.REJECT);
      this.requireIndependent(actor, application);
      const saved = await this.moves.apply(actor, application, GrantAction.REJECT, comment, { decidedBy: actor.userId, decidedAt: this.clock.now(), decisionComment: comment });
      await this.notices.decision(program, saved, 'REJECTED', comment);
      return { application: saved, program };
    });
  }

  /** First or final approval; the budget, per-award and per-person limits are checked under the program's lock. */
  approve(actor: Actor, input: ApproveGrantApplicationInput): Promise<Decided & { final: boolean }> {
    return this.locks.onApplication(actor, input.id, async (application, program) => {
      this.moves.check(actor, application, GrantAction.APPROVE);
      if (!application.reviewedBy) throw GrantsError.notReviewed();
      this.requireIndependent(actor, application);
      const costs = this.costs(input);
      const { awarded } = await this.programs.totals(program.id);
      const problem = checkAward(
        {
          limits: { totalBudget: program.totalBudget, maxPerAward: program.maxPerAward, maxPerPerson: program.maxPerPerson, categories: program.categories },
          requested: application.requestedCosts,
          awardedInProgram: awarded - application.awardedAmount,
          awardedToPerson: await this.programs.awardedToPerson(program.id, application.applicantKey, application.id),
        },
        costs,
      );
      if (problem) throw GrantsError.limit(problem, 'input.costs');
      const sum = total(costs);
      const comment = input.comment ?? null;

      if (needsTwoApprovers(sum, program.twoApproverThreshold)) {
        if (!application.firstApprovedBy) {
          const before = { ...application };
          Object.assign(application, { firstApprovedBy: actor.userId, firstApprovedCosts: costs, firstApprovedAt: this.clock.now() });
          const saved = await this.applications.save(application);
          await this.moves.record(actor, 'first_approve', before, saved, comment);
          return { application: saved, program, final: false };
        }
        if (application.firstApprovedBy === actor.userId) throw GrantsError.sameApprover();
        if (!sameLines(application.firstApprovedCosts!, costs)) throw GrantsError.secondApprovalDiffers();
      }

      const saved = await this.moves.apply(actor, application, GrantAction.APPROVE, comment, {
        approvedCosts: costs,
        approvedAmount: sum,
        awardedAmount: sum,
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        decisionComment: comment,
      });
      await this.ledger.approved(program, saved, this.clock.today());
      await this.notices.decision(program, saved, 'APPROVED', comment);
      return { application: saved, program, final: true };
    });
  }



  private requireIndependent(actor: Actor, application: GrantApplication): void {
    const ownMember = actor.memberId !== null && actor.memberId === application.applicantMemberId;
    if (ownMember || application.createdBy === actor.userId || application.reviewedBy === actor.userId) throw GrantsError.conflictOfInterest();
  }

  private costs(input: ApproveGrantApplicationInput): CostLines {
    const costs: Record<string, bigint> = {};
    for (const [i, line] of input.costs.entries()) {
      if (line.category in costs) throw GrantsError.duplicateCategory(`input.costs.${i}.category`);
      costs[line.category] = line.amount;
    }
    return costs;
  }
}

function sameLines(a: CostLines, b: CostLines): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0n) === (b[k] ?? 0n));
}
