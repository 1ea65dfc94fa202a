import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg, mapPage } from '#core';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { ReceiptDocuments } from '../receipt-documents.service.js';
import { RECEIPT_READERS, RECEIPT_WRITERS } from '../receipt-access.js';
import { ReceiptIssuing } from '../receipt-issuing.service.js';
import { sha256 } from '../receipt-pdf.js';
import { ReceiptQueries } from '../receipt-queries.service.js';
import { ReceiptConnection, ReceiptObject, ReceiptPdfObject } from './receipt.object.js';
import { ReceiptsArgs } from './receipts.args.js';

@Resolver(() => ReceiptObject)
export class ReceiptResolver {
  constructor(
    private readonly queries: ReceiptQueries,
    private readonly issuing: ReceiptIssuing,
    private readonly documents: ReceiptDocuments,
  ) {}

  @Query(() => ReceiptConnection, { description: 'Receipts, newest first: staff see their branches, members their own' })
  @Allow(...RECEIPT_READERS, Role.MEMBER)
  async receipts(@CurrentActor() actor: Actor, @Args() args: ReceiptsArgs) {
    const page = await this.queries.page(actor, args.filter ?? {}, { first: args.first, after: args.after });
    return mapPage(page, ReceiptObject.from);
  }

  @Query(() => ReceiptObject)
  @Allow(...RECEIPT_READERS, Role.MEMBER)
  async receipt(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<ReceiptObject> {
    return ReceiptObject.from(await this.documents.readable(actor, id));
  }

  @Query(() => ReceiptPdfObject, { description: 'The receipt as PDF (the bytes e-mailed; paper: a copy to print, with the 収入印紙 box where the issuer’s rule asks for one)' })
  @Allow(...RECEIPT_READERS, Role.MEMBER)
  async receiptPdf(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('paper', { defaultValue: false }) paper: boolean): Promise<ReceiptPdfObject> {
    const { receipt, pdf } = await this.documents.pdf(actor, id, paper ? 'paper' : 'email');
    return Object.assign(new ReceiptPdfObject(), {
      filename: `${receipt.number}.pdf`,
      base64: pdf.toString('base64'),
      sha256: sha256(pdf),
    });
  }

  @Mutation(() => ReceiptObject, { description: 'Voids a receipt: it keeps its number and shows 無効 / VOID' })
  @Allow(...RECEIPT_WRITERS)
  async voidReceipt(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('reason', { description: 'Why (kept with the receipt and in the audit log), 1 to 500 characters' }) reason: string): Promise<ReceiptObject> {
    return ReceiptObject.from(await this.issuing.void(actor, id, reason));
  }

  @Mutation(() => ReceiptObject, { description: 'Voids a receipt and issues a new one (new number, pointing at the old one) with the current name and address' })
  @Allow(...RECEIPT_WRITERS)
  async reissueReceipt(@CurrentActor() actor: Actor, @IdArg('id') id: string, @Args('reason', { description: 'Why (kept with the receipt and in the audit log), 1 to 500 characters' }) reason: string): Promise<ReceiptObject> {
    return ReceiptObject.from(await this.issuing.reissue(actor, id, reason));
  }

  @Mutation(() => ReceiptObject, { description: 'E-mails the receipt again, with its PDF' })
  @Allow(...RECEIPT_WRITERS)
  async resendReceipt(@CurrentActor() actor: Actor, @IdArg('id') id: string): Promise<ReceiptObject> {
    return ReceiptObject.from(await this.documents.resend(actor, id));
  }
}
