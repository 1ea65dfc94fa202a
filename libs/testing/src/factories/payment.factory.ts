import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_ACTOR } from '#auth';
import { Money } from '#core';
import { PaymentMethod, PaymentRecording, type RecordedPayment, type RecordPaymentCommand } from '#payments';

/**
 * A payment recorded through the one path for money in (PaymentRecording, as the system): cash by
 * default, allocated to the invoices given in order. The ledger entry and the invoices' and
 * memberships' states follow as they do for a treasurer's payment.
 */
export async function recordPayment(
  app: INestApplicationContext,
  input: { memberId: string; amount: bigint; receivedOn: string; invoiceIds?: string[] } & Partial<Omit<RecordPaymentCommand, 'amount'>>,
): Promise<RecordedPayment> {
  const { amount, invoiceIds = [], ...rest } = input;
  return app.get(PaymentRecording).record(SYSTEM_ACTOR, {
    method: PaymentMethod.CASH,
    allocations: invoiceIds.map((invoiceId) => ({ invoiceId })),
    ...rest,
    amount: Money.of(amount, 'JPY'),
  });
}
