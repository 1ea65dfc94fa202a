import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IdArg } from '#core';
import { Actor, Allow, BRANCH_WRITERS, CurrentActor, MEMBER_TRANSFERRERS, Role, SignedIn } from '#auth';
import { MemberEditing } from '../member-editing.service.js';
import { MemberRegistration } from '../member-registration.service.js';
import { MemberSignIns } from '../member-sign-in.service.js';
import { MemberTransfer } from '../member-transfer.service.js';
import { OrganizationContacts } from '../organization-contacts.service.js';
import { MemberObject } from './member.object.js';
import {
  ContactDetailsInput,
  ContactInput,
  TransferMemberInput,
  CreateIndividualMemberInput,
  CreateOrganizationMemberInput,
  UpdateIndividualMemberInput,
  UpdateOrganizationMemberInput,
} from './member.input.js';

@Resolver(() => MemberObject)
export class MemberMutationResolver {
  constructor(
    private readonly registration: MemberRegistration,
    private readonly editing: MemberEditing,
    private readonly transfers: MemberTransfer,
    private readonly contacts: OrganizationContacts,
    private readonly signIns: MemberSignIns,
  ) {}

  @Mutation(() => MemberObject, { description: 'Registers an individual member (個人会員) in a branch; the member number is assigned.' })
  @Allow(...BRANCH_WRITERS)
  async createIndividualMember(@CurrentActor() actor: Actor, @Args('input') input: CreateIndividualMemberInput) {
    return MemberObject.from(await this.registration.createPerson(actor, input));
  }

  @Mutation(() => MemberObject, { description: 'Registers an organizational member (団体会員) with its contacts.' })
  @Allow(...BRANCH_WRITERS)
  async createOrganizationMember(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganizationMemberInput) {
    return MemberObject.from(await this.registration.createOrganization(actor, input));
  }

  @Mutation(() => MemberObject, { description: 'Edits an individual member; only the fields given change.' })
  @Allow(...BRANCH_WRITERS)
  async updateIndividualMember(
    @CurrentActor() actor: Actor,
    @IdArg('id') id: string,
    @Args('input') input: UpdateIndividualMemberInput,
  ) {
    return MemberObject.from(await this.editing.updatePerson(actor, id, input));
  }

  @Mutation(() => MemberObject, { description: 'Edits an organizational member; only the fields given change.' })
  @Allow(...BRANCH_WRITERS)
  async updateOrganizationMember(
    @CurrentActor() actor: Actor,
    @IdArg('id') id: string,
    @Args('input') input: UpdateOrganizationMemberInput,
  ) {
    return MemberObject.from(await this.editing.updateOrganization(actor, id, input));
  }

  @Mutation(() => MemberObject, { description: 'Adds a contact person to an organizational member.' })
  @Allow(...BRANCH_WRITERS)
  async addContact(@CurrentActor() actor: Actor, @IdArg('memberId') memberId: string, @Args('input') input: ContactInput) {
    return MemberObject.from(await this.contacts.add(actor, memberId, input));
  }

  @Mutation(() => MemberObject, { description: 'Makes this contact the organization’s primary contact.' })
  @Allow(...BRANCH_WRITERS)
  async setPrimaryContact(@CurrentActor() actor: Actor, @IdArg('contactId') contactId: string) {
    return MemberObject.from(await this.contacts.setPrimary(actor, contactId));
  }

  @Mutation(() => MemberObject, { description: 'Makes this contact the one invoices and receipts go to.' })
  @Allow(...BRANCH_WRITERS)
  async setBillingContact(@CurrentActor() actor: Actor, @IdArg('contactId') contactId: string) {
    return MemberObject.from(await this.contacts.setBilling(actor, contactId));
  }

  @Mutation(() => MemberObject, { description: 'Moves a member to another home branch: federation admins, or an admin of the current branch. 転籍' })
  @Allow(...MEMBER_TRANSFERRERS)
  async transferMember(@CurrentActor() actor: Actor, @Args('input') input: TransferMemberInput) {
    return MemberObject.from(await this.transfers.transfer(actor, input.memberId, input.toBranchId, input.reason));
  }

  @Mutation(() => MemberObject, { description: 'A member changes their own e-mail, phone, postal code or address. 連絡先の変更' })
  @Allow(Role.MEMBER)
  async updateMyContactDetails(@CurrentActor() actor: Actor, @Args('input') input: ContactDetailsInput) {
    return MemberObject.from(await this.editing.updateOwnContactDetails(actor, input));
  }

  @Mutation(() => MemberObject, {
    description:
      'A signed-in user (with their password) confirms that a member record registered with their own e-mail address is theirs: it becomes their member record (staff who are also members). 会員情報の紐付け',
  })
  @SignedIn()
  async confirmMyMemberRecord(@CurrentActor() actor: Actor, @IdArg('memberId') memberId: string) {
    return MemberObject.from(await this.signIns.confirm(actor, memberId));
  }
}
