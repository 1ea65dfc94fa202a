import { Mutation, Resolver, Args } from '@nestjs/graphql';
import { Actor, Allow, CurrentActor, GRANT_STAFF, Role } from '#auth';
import { GrantDecisionService, type Decided } from '../grant-decision.service.js';
import { GrantApplicationObject } from './grant-application.object.js';
import { GrantMoveInput } from './grant-application.input.js';
import { ApproveGrantApplicationInput, GrantReasonInput, ReviewGrantApplicationInput } from './grant-decision.input.js';

const object = ({ application, program }: Decided) => GrantApplicationObject.from(application, program.code);

@Resolver(() => GrantApplicationObject)
export class GrantDecisionResolver {
  constructor(private readonly decisions: GrantDecisionService) {}

  @Mutation(() => GrantApplicationObject, { description: 'SUBMITTED → UNDER_REVIEW (grant officers)' })
  @Allow(Role.GRANT_OFFICER)
  async startGrantReview(@CurrentActor() actor: Actor, @Args('input') input: GrantMoveInput) {
    return object(await this.decisions.startReview(actor, input.id, input.comment ?? null));
  }

  @Mutation(() => GrantApplicationObject, { description: "The officer's review: checklist, recommended amount, comment" })
  @Allow(Role.GRANT_OFFICER)
  async reviewGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: ReviewGrantApplicationInput) {
    return object(await this.decisions.review(actor, input));
  }

  @Mutation(() => GrantApplicationObject, { description: 'UNDER_REVIEW → CHANGES_REQUESTED; the applicant is e-mailed' })
  @Allow(...GRANT_STAFF)
  async requestGrantChanges(@CurrentActor() actor: Actor, @Args('input') input: GrantReasonInput) {
    return object(await this.decisions.requestChanges(actor, input.id, input.comment));
  }

  @Mutation(() => GrantApplicationObject, {
    description: 'Approves amounts per category within the limits and the budget; above the threshold the first approval waits for a second, different approver',
  })
  @Allow(Role.GRANT_APPROVER)
  async approveGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: ApproveGrantApplicationInput) {
    return object(await this.decisions.approve(actor, input));
  }

  @Mutation(() => GrantApplicationObject, { description: 'UNDER_REVIEW → REJECTED with the reason; the applicant is e-mailed' })
  @Allow(Role.GRANT_APPROVER)
  async rejectGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: GrantReasonInput) {
    return object(await this.decisions.reject(actor, input.id, input.comment));
  }
}
