import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg, mapPage } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor, Role } from '#auth';
import { DuesQueries } from '../dues-queries.service.js';
import { FiscalYearIssuance } from '../fiscal-year-issuance.service.js';
import { InvoiceVoiding } from '../invoice-voiding.service.js';
import { FiscalYearIssuanceObject } from './dues-report.object.js';
import { DuesInvoicesArgs, IssueFiscalYearArgs, VoidDuesInvoiceInput } from './invoice.input.js';
import { InvoiceConnection, InvoiceObject } from './invoice.object.js';

@Resolver(() => InvoiceObject)
export class InvoiceResolver {
  constructor(
    private readonly queries: DuesQueries,
    private readonly voiding: InvoiceVoiding,
    private readonly issuance: FiscalYearIssuance,
  ) {}

  @Query(() => InvoiceObject)
  @Allow(...BRANCH_STAFF, Role.MEMBER)
  async duesInvoice(@CurrentActor() actor: Actor, @IdArg('id') id: string) {
    return InvoiceObject.from(await this.queries.invoice(actor, id));
  }

  @Query(() => InvoiceConnection, { description: "A branch's invoices of a fiscal year, in number order" })
  @Allow(...BRANCH_STAFF)
  async duesInvoices(@CurrentActor() actor: Actor, @Args() args: DuesInvoicesArgs) {
    return mapPage(await this.queries.invoicePage(actor, { branchId: args.branchId, fiscalYear: args.fiscalYear, status: args.status }, args), InvoiceObject.from);
  }

  @Mutation(() => InvoiceObject, { description: 'Voids an invoice with nothing paid: it keeps its number, its entries are reversed' })
  @Allow(...BRANCH_WRITERS)
  async voidDuesInvoice(@CurrentActor() actor: Actor, @Args('input') input: VoidDuesInvoiceInput) {
    return InvoiceObject.from(await this.voiding.voidInvoice(actor, input));
  }

  @Mutation(() => FiscalYearIssuanceObject, { description: "Issues a fiscal year's dues invoices to every eligible membership (set-based, idempotent)" })
  @Allow(Role.FEDERATION_ADMIN)
  async issueFiscalYearInvoices(@CurrentActor() actor: Actor, @Args() args: IssueFiscalYearArgs) {
    return FiscalYearIssuanceObject.from(await this.issuance.issue(actor, args.fiscalYear, { branchId: args.branchId ?? undefined }));
  }
}
