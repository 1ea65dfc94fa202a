import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { PaymentMethod, PaymentReports, PaymentStatus } from '#payments';
import { lockWritableLine } from './line-access.js';
import { ReconciliationError } from './reconciliation.errors.js';
import { LineStatus, type StatementLine } from './statement-line.entity.js';
import { StatementLineRepository } from './statement-line.repository.js';

/**
 * A line that is a bank transfer the treasurer had already recorded by hand (method BANK_TRANSFER,
 * already in the ledger): confirming links the two, so the payment is no longer "not yet on the
 * bank" and nothing is posted twice. Unconfirming such a line unlinks it and never voids the payment.
 */
@Injectable()
export class PaymentLinking {
  constructor(
    private readonly tx: TransactionService,
    private readonly repository: StatementLineRepository,
    private readonly reports: PaymentReports,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async link(actor: Actor, lineId: string, paymentId: string): Promise<StatementLine> {
    return this.tx.run(async () => {
      const { line, bookId } = await lockWritableLine(this.repository, actor, lineId);
      if (line.status === LineStatus.CONFIRMED || line.status === LineStatus.NOT_DUES) throw ReconciliationError.lineSettled(line.status);
      if (line.direction !== 'IN') throw ReconciliationError.notIncoming();
      const { payment } = await this.reports.get(actor, paymentId);
      if (payment.bookId !== bookId || payment.method !== PaymentMethod.BANK_TRANSFER || payment.status !== PaymentStatus.RECORDED) throw ReconciliationError.paymentNotLinkable();
      if (payment.amount !== line.amount) throw ReconciliationError.paymentAmount(payment.amount, line.amount);
      if (await this.repository.lineOfPayment(paymentId)) throw ReconciliationError.paymentTaken();
      Object.assign(line, { status: LineStatus.CONFIRMED, paymentIds: [paymentId], paymentLinked: true, confirmations: line.confirmations + 1, autoConfirmed: false, confirmedBy: actor.userId, confirmedAt: this.clock.now() });
      await this.repository.save(line);
      await this.audit.record(actor, { action: 'statementLine.linkPayment', entityType: 'statement_line', entityId: line.id, after: { paymentId } });
      return line;
    });
  }
}
