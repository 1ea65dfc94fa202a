import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AmountScalar, AppError, IdArg } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor } from '#auth';
import { PaymentRepository } from '../../payment.repository.js';
import { requireReader } from '../../payment-access.js';
import { StripeDisputes } from '../stripe-disputes.service.js';
import { StripeRefunds } from '../stripe-refunds.service.js';
import { PaymentDisputeObject, PaymentRefundObject } from './payment-refund.object.js';

@Resolver(() => PaymentRefundObject)
export class PaymentRefundResolver {
  constructor(
    private readonly refunds: StripeRefunds,
    private readonly disputes: StripeDisputes,
    private readonly payments: PaymentRepository,
  ) {}

  @Mutation(() => PaymentRefundObject, {
    description:
      'Refunds an online (card or konbini) payment through Stripe, fully or partly (amount omitted: all that is refundable). The books are reversed and the invoice reopens when Stripe confirms (charge.refunded); a konbini refund waits for the payer’s bank details (AWAITING_BANK_DETAILS). Same idempotencyKey: no second refund.',
  })
  @Allow(...BRANCH_WRITERS)
  async refundPayment(
    @CurrentActor() actor: Actor,
    @IdArg('paymentId') paymentId: string,
    @Args('reason', { description: 'Why (kept with the refund and in the audit log)' }) reason: string,
    @Args('idempotencyKey', { description: 'A key of the caller’s choosing; a retry with it makes no second refund' }) idempotencyKey: string,
    @Args('amount', { type: () => AmountScalar, nullable: true, description: 'Minor units; omitted: the whole refundable rest' }) amount?: bigint | null,
  ): Promise<PaymentRefundObject> {
    return PaymentRefundObject.from(await this.refunds.request(actor, { paymentId, amount, reason, idempotencyKey }));
  }

  @Query(() => [PaymentRefundObject], { description: 'The Stripe refunds of a payment, oldest first' })
  @Allow(...BRANCH_STAFF)
  async paymentRefunds(@CurrentActor() actor: Actor, @IdArg('paymentId') paymentId: string): Promise<PaymentRefundObject[]> {
    await this.readable(actor, paymentId);
    return (await this.refunds.listForPayment(paymentId)).map(PaymentRefundObject.from);
  }

  @Query(() => [PaymentDisputeObject], { description: 'The Stripe disputes (chargebacks) of a payment, oldest first; an OPEN one means the payment is disputed' })
  @Allow(...BRANCH_STAFF)
  async paymentDisputes(@CurrentActor() actor: Actor, @IdArg('paymentId') paymentId: string): Promise<PaymentDisputeObject[]> {
    await this.readable(actor, paymentId);
    return (await this.disputes.listForPayment(paymentId)).map(PaymentDisputeObject.from);
  }

  private async readable(actor: Actor, paymentId: string): Promise<void> {
    const payment = await this.payments.findById(paymentId);
    if (!payment) throw AppError.notFound('Payment', paymentId);
    requireReader(actor, payment.branchId);
  }
}
