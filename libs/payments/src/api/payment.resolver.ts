import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Money, MoneyObject, mapPage } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor } from '#auth';
import { PaymentRecording } from '../payment-recording.service.js';
import { PaymentVoiding } from '../payment-voiding.service.js';
import { PaymentReports } from '../payment-reports.service.js';
import { MemberCredit } from '../member-credit.service.js';
import { MemberCreditObject, PaymentAllocationObject, PaymentConnection, PaymentMethodTotalObject, PaymentObject } from './payment.object.js';
import { ApplyMemberCreditInput, RecordPaymentInput } from './record-payment.input.js';
import { MemberCreditArgs, PaymentIdArgs, PaymentFilterArgs, PaymentsArgs, VoidPaymentArgs } from './payments.args.js';

const READERS = BRANCH_STAFF;
const WRITERS = BRANCH_WRITERS;

@Resolver(() => PaymentObject)
export class PaymentResolver {
  constructor(
    private readonly recording: PaymentRecording,
    private readonly voiding: PaymentVoiding,
    private readonly reports: PaymentReports,
    private readonly credit: MemberCredit,
  ) {}

  @Mutation(() => PaymentObject, { description: "Records money received (cash, bank transfer, …) for a member's invoices. Same idempotencyKey and content: the first payment." })
  @Allow(...WRITERS)
  async recordPayment(@CurrentActor() actor: Actor, @Args('input') input: RecordPaymentInput): Promise<PaymentObject> {
    const { payment, allocations } = await this.recording.record(actor, input.toCommand());
    return PaymentObject.from(payment, allocations);
  }

  @Mutation(() => PaymentObject, { description: 'Voids a payment: its invoices reopen, its journal entries are reversed' })
  @Allow(...WRITERS)
  async voidPayment(@CurrentActor() actor: Actor, @Args() args: VoidPaymentArgs): Promise<PaymentObject> {
    const { payment, allocations } = await this.voiding.void(actor, args.id, args.reason);
    return PaymentObject.from(payment, allocations);
  }

  @Query(() => PaymentObject)
  @Allow(...READERS)
  async payment(@CurrentActor() actor: Actor, @Args() args: PaymentIdArgs): Promise<PaymentObject> {
    const { payment, allocations } = await this.reports.get(actor, args.id);
    return PaymentObject.from(payment, allocations);
  }

  @Query(() => PaymentConnection, { description: 'Payments, newest received first' })
  @Allow(...READERS)
  async payments(@CurrentActor() actor: Actor, @Args() args: PaymentsArgs) {
    const page = await this.reports.page(actor, args.filter ?? {}, { first: args.first, after: args.after });
    return mapPage(page, (n) => PaymentObject.from(n.payment, n.allocations));
  }

  @Query(() => [PaymentMethodTotalObject], { description: 'Recorded (not voided) payments totalled by method' })
  @Allow(...READERS)
  async paymentTotals(@CurrentActor() actor: Actor, @Args() args: PaymentFilterArgs): Promise<PaymentMethodTotalObject[]> {
    const totals = await this.reports.totalsByMethod(actor, args.filter ?? {});
    return totals.map((t) =>
      Object.assign(new PaymentMethodTotalObject(), {
        method: t.method,
        count: t.count,
        amount: MoneyObject.from(Money.of(t.amount, t.currency)),
        fee: MoneyObject.from(Money.of(t.fee, t.currency)),
      }),
    );
  }

  @Query(() => String, { description: 'Payments as CSV (UTF-8 with BOM, headers in Japanese and English), newest first; up to 10,000 rows' })
  @Allow(...READERS)
  async paymentsCsv(@CurrentActor() actor: Actor, @Args() args: PaymentFilterArgs): Promise<string> {
    return this.reports.csv(actor, args.filter ?? {});
  }

  @Query(() => MemberCreditObject, { description: "A member's credit (前受金): unallocated money of their payments" })
  @Allow(...READERS)
  async memberCredit(@CurrentActor() actor: Actor, @Args() args: MemberCreditArgs): Promise<MemberCreditObject> {
    return MemberCreditObject.from(await this.credit.balance(actor, args.memberId));
  }

  @Mutation(() => [PaymentAllocationObject], { description: "Pays invoices from the member's credit, oldest credit first" })
  @Allow(...WRITERS)
  async applyMemberCredit(@CurrentActor() actor: Actor, @Args('input') input: ApplyMemberCreditInput): Promise<PaymentAllocationObject[]> {
    const { allocations, currency } = await this.credit.applyCredit(actor, input);
    return allocations.map((a) => PaymentAllocationObject.from(a, currency));
  }
}
