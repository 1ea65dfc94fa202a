import { createHash } from 'node:crypto';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { uuidArg } from '#core';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { GRANT_BATCH_WRITERS, GRANT_READERS, GRANT_STAFF } from '../grant-access.js';
import { GrantBatchService } from '../grant-batch.service.js';
import { GrantDisbursementService } from '../grant-disbursement.service.js';
import { GrantPayeeService } from '../grant-payee.service.js';
import { CreateGrantBatchInput, MarkGrantBatchPaidInput, ReturnGrantDisbursementInput, ScheduleGrantDisbursementInput, SetGrantPayeeInput } from './grant-payment.input.js';
import { GrantBatchObject, GrantDisbursementObject, GrantFileObject, GrantPayeeObject } from './grant-payment.object.js';

@Resolver()
export class GrantPaymentResolver {
  constructor(
    private readonly payees: GrantPayeeService,
    private readonly disbursements: GrantDisbursementService,
    private readonly batches: GrantBatchService,
  ) {}

  @Mutation(() => GrantPayeeObject, { description: 'Sets who is paid and their bank account (checked against the Zengin bank list)' })
  @Allow(Role.GRANT_OFFICER)
  async setGrantPayee(@CurrentActor() actor: Actor, @Args('input') input: SetGrantPayeeInput) {
    return GrantPayeeObject.from(await this.payees.set(actor, input));
  }

  @Query(() => GrantPayeeObject, { nullable: true, description: "An application's payee and bank account (grant staff only)" })
  @Allow(...GRANT_STAFF)
  async grantPayee(@Args('applicationId', { type: () => ID }, uuidArg('applicationId')) applicationId: string) {
    const payee = await this.payees.get(applicationId);
    return payee ? GrantPayeeObject.from(payee) : null;
  }

  @Query(() => [GrantDisbursementObject], { description: "An application's payments" })
  @Allow(...GRANT_READERS)
  async grantDisbursements(@Args('applicationId', { type: () => ID }, uuidArg('applicationId')) applicationId: string) {
    return (await this.disbursements.ofApplications([applicationId])).map(GrantDisbursementObject.from);
  }

  @Mutation(() => GrantDisbursementObject, { description: 'Queues a payment of an approved grant for the next batch (never more than the award not yet paid)' })
  @Allow(...GRANT_STAFF)
  async scheduleGrantDisbursement(@CurrentActor() actor: Actor, @Args('input') input: ScheduleGrantDisbursementInput) {
    return GrantDisbursementObject.from(await this.disbursements.schedule(actor, input));
  }

  @Mutation(() => GrantBatchObject, { description: 'Puts the queued payments of a program in a batch for a transfer date (a bank business day)' })
  @Allow(...GRANT_BATCH_WRITERS)
  async createGrantBatch(@CurrentActor() actor: Actor, @Args('input') input: CreateGrantBatchInput) {
    const batch = await this.batches.create(actor, input);
    return GrantBatchObject.from(batch, (await this.batches.get(batch.id)).disbursements);
  }

  @Mutation(() => GrantBatchObject, { description: 'Writes the Zengin 総合振込 file; the batch cannot change afterwards' })
  @Allow(...GRANT_BATCH_WRITERS)
  async exportGrantBatch(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const batch = await this.batches.export(actor, id);
    return GrantBatchObject.from(batch, (await this.batches.get(batch.id)).disbursements);
  }

  @Mutation(() => [GrantDisbursementObject], { description: "The bank executed the batch: its payments are booked Dr grants payable / Cr bank" })
  @Allow(...GRANT_STAFF)
  async markGrantBatchPaid(@CurrentActor() actor: Actor, @Args('input') input: MarkGrantBatchPaidInput) {
    return (await this.batches.markPaid(actor, input.batchId, input.paidOn)).map(GrantDisbursementObject.from);
  }

  @Mutation(() => GrantDisbursementObject, { description: 'A transfer the bank returned: booked back if paid, and queued again; returns the new queued payment' })
  @Allow(...GRANT_STAFF)
  async returnGrantDisbursement(@CurrentActor() actor: Actor, @Args('input') input: ReturnGrantDisbursementInput) {
    return GrantDisbursementObject.from((await this.disbursements.markReturned(actor, input.id, input.reason, input.returnedOn)).requeued);
  }

  @Query(() => [GrantBatchObject], { description: "A program's batches, latest transfer date first" })
  @Allow(...GRANT_READERS)
  async grantBatches(@Args('programId', { type: () => ID }, uuidArg('programId')) programId: string) {
    return (await this.batches.list(programId)).map((b) => GrantBatchObject.from(b));
  }

  @Query(() => GrantBatchObject)
  @Allow(...GRANT_READERS)
  async grantBatch(@Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const { batch, disbursements } = await this.batches.get(id);
    return GrantBatchObject.from(batch, disbursements);
  }

  @Query(() => GrantFileObject, { description: 'The exported Zengin file (Shift_JIS / JIS X 0201 bytes as base64); grant staff only' })
  @Allow(...GRANT_STAFF)
  async grantBatchFile(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const { batch, file } = await this.batches.file(actor, id);
    return GrantFileObject.of(`zengin-21-${batch.transferDate}.txt`, 'text/plain; charset=Shift_JIS', file, batch.fileSha256!);
  }

  @Query(() => GrantFileObject, { description: 'The list of the batch for signatures, as PDF; grant staff only' })
  @Allow(...GRANT_STAFF)
  async grantBatchListPdf(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    const pdf = await this.batches.listPdf(actor, id);
    return GrantFileObject.of(`grant-batch-${id}.pdf`, 'application/pdf', pdf, createHash('sha256').update(pdf).digest('hex'));
  }

  @Query(() => String, { description: 'The list of the batch as CSV (UTF-8 with BOM); grant staff only' })
  @Allow(...GRANT_STAFF)
  async grantBatchListCsv(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }, uuidArg('id')) id: string) {
    return this.batches.listCsv(actor, id);
  }
}
