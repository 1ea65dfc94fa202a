import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { OnlineCheckout, OnlineCheckoutStatus } from './online-checkout.entity.js';

/** Checkout sessions of dues invoices, in the current transaction. */
@Injectable()
export class OnlineCheckoutRepository {
  constructor(private readonly tx: TransactionService) {}

  /** The newest checkout of the invoice that can still be paid (open and unexpired, or a konbini voucher pending). */
  async findPayable(invoiceId: string, now: Date): Promise<OnlineCheckout | null> {
    return this.tx
      .repository(OnlineCheckout)
      .createQueryBuilder('c')
      .where('c.invoice_id = :invoiceId', { invoiceId })
      .andWhere(`((c.status = :open AND c.expires_at > :now) OR c.status = :konbini)`, { open: OnlineCheckoutStatus.OPEN, konbini: OnlineCheckoutStatus.AWAITING_KONBINI, now })
      .orderBy('c.created_at', 'DESC')
      .getOne();
  }

  async countForInvoice(invoiceId: string): Promise<number> {
    return this.tx.repository(OnlineCheckout).countBy({ invoiceId });
  }

  /** Inserts unless the session is already stored (a concurrent request got the same session back). */
  async insertIfAbsent(values: Omit<OnlineCheckout, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'method' | 'konbiniExpiresAt' | 'paymentId' | 'paymentIntentId'> & { paymentIntentId: string | null }): Promise<void> {
    await this.tx.repository(OnlineCheckout).createQueryBuilder().insert().values(values).orIgnore().execute();
  }

  findBySession(sessionId: string): Promise<OnlineCheckout | null> {
    return this.tx.repository(OnlineCheckout).findOneBy({ sessionId });
  }

  /** Locks the checkout row: two events of one session are applied one after the other. */
  lockBySession(sessionId: string): Promise<OnlineCheckout | null> {
    return this.tx.repository(OnlineCheckout).createQueryBuilder('c').setLock('pessimistic_write').where('c.session_id = :sessionId', { sessionId }).getOne();
  }

  findByPaymentIntent(paymentIntentId: string): Promise<OnlineCheckout | null> {
    return this.tx.repository(OnlineCheckout).findOneBy({ paymentIntentId });
  }

  findForInvoices(invoiceIds: string[]): Promise<OnlineCheckout[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return this.tx.repository(OnlineCheckout).createQueryBuilder('c').where('c.invoice_id = ANY(:invoiceIds)', { invoiceIds }).orderBy('c.created_at', 'ASC').getMany();
  }

  async update(id: string, values: Partial<Pick<OnlineCheckout, 'status' | 'method' | 'konbiniExpiresAt' | 'paymentId' | 'paymentIntentId'>>): Promise<void> {
    await this.tx.repository(OnlineCheckout).update({ id }, values);
  }
}
