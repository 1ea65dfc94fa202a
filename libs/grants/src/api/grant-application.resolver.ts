import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { uuidArg } from '#core';
import { Actor, Allow, CurrentActor, GRANT_APPLICANTS as APPLICANTS, GRANT_APPLICATION_READERS as SEERS, Role } from '#auth';
import { GrantApplicationService } from '../grant-application.service.js';
import { GrantClosingService } from '../grant-closing.service.js';
import type { GrantApplication } from '../grant-application.entity.js';
import type { GrantProgram } from '../grant-program.entity.js';
import { AttachGrantDocumentInput, CreateGrantApplicationInput, GrantApplicationsArgs, GrantMoveInput, UpdateGrantApplicationInput } from './grant-application.input.js';
import { GrantApplicationConnection, GrantApplicationObject, GrantDocumentObject } from './grant-application.object.js';
import { GrantReasonInput } from './grant-decision.input.js';
import { GrantFileObject } from './grant-payment.object.js';


const object = ({ application, program }: { application: GrantApplication; program: GrantProgram }) => GrantApplicationObject.from(application, program.code);

@Resolver(() => GrantApplicationObject)
export class GrantApplicationResolver {
  constructor(
    private readonly applications: GrantApplicationService,
    private readonly closing: GrantClosingService,
  ) {}

  @Query(() => GrantApplicationConnection, { description: 'Applications, newest first; a member sees only their own' })
  @Allow(...SEERS)
  async grantApplications(@CurrentActor() actor: Actor, @Args() args: GrantApplicationsArgs) {
    const { page, documents, programs } = await this.applications.page(actor, { programId: args.programId, status: args.status }, args);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: GrantApplicationObject.from(e.node, programs.get(e.node.programId)!.code, documents.filter((d) => d.applicationId === e.node.id)) })),
    };
  }

  @Query(() => GrantApplicationObject)
  @Allow(...SEERS)
  async grantApplication(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const { application, program, documents } = await this.applications.get(actor, id);
    return GrantApplicationObject.from(application, program.code, documents);
  }

  @Query(() => GrantFileObject, { description: 'A document of an application, as base64' })
  @Allow(...SEERS)
  async grantDocumentFile(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const d = await this.applications.documentContent(actor, id);
    return GrantFileObject.of(d.fileName, d.contentType, d.content, d.sha256);
  }

  @Mutation(() => GrantApplicationObject, { description: 'A new draft application (by the applicant, or entered by an officer)' })
  @Allow(...APPLICANTS)
  async createGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: CreateGrantApplicationInput) {
    return object(await this.applications.create(actor, input));
  }

  @Mutation(() => GrantApplicationObject, { description: 'Changes a draft, or an application returned for changes' })
  @Allow(...APPLICANTS)
  async updateGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: UpdateGrantApplicationInput) {
    return object(await this.applications.update(actor, input));
  }

  @Mutation(() => GrantDocumentObject, { description: 'Attaches a document (base64, checksum, size and type checked)' })
  @Allow(...APPLICANTS)
  async attachGrantDocument(@CurrentActor() actor: Actor, @Args('input') input: AttachGrantDocumentInput) {
    return GrantDocumentObject.from(await this.applications.attachDocument(actor, input));
  }

  @Mutation(() => GrantApplicationObject, { description: 'DRAFT or CHANGES_REQUESTED → SUBMITTED (required documents attached)' })
  @Allow(...APPLICANTS)
  async submitGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: GrantMoveInput) {
    return object(await this.applications.submit(actor, input.id, input.comment ?? null));
  }

  @Mutation(() => GrantApplicationObject, { description: 'Cancels an application; what was awarded and not paid is released' })
  @Allow(Role.MEMBER, Role.GRANT_OFFICER, Role.GRANT_APPROVER)
  async cancelGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: GrantReasonInput) {
    return object(await this.closing.cancel(actor, input.id, input.comment));
  }

  @Mutation(() => GrantApplicationObject, { description: 'DISBURSED → COMPLETED once the certificate is attached; the unpaid rest of the award is released' })
  @Allow(Role.GRANT_OFFICER)
  async completeGrantApplication(@CurrentActor() actor: Actor, @Args('input') input: GrantMoveInput) {
    return object(await this.closing.complete(actor, input.id, input.comment ?? null));
  }
}
