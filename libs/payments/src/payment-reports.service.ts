import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError, Money, type Page } from '#core';
import type { Actor } from '#auth';
import { PaymentRepository, type MethodTotal, type PaymentFilter } from './payment.repository.js';
import { PaymentStatus, type Payment } from './payment.entity.js';
import type { PaymentAllocation } from './payment-allocation.entity.js';
import type { PaymentMethod } from './payment-method.js';
import { paymentCsvLine, paymentsCsvHeader } from './payments-csv.js';
import { readableBranches, requireReader } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';

/** Rows a GraphQL CSV download may hold; more: narrow the filter or use `rentai payments:export`. */
export const MAX_CSV_ROWS = 10_000;
/** Candidates a refusal of an ambiguous reference lists. */
const AMBIGUOUS_LISTED = 10;

export interface PaymentQuery {
  branchId?: string | null;
  from?: string | null;
  to?: string | null;
  method?: PaymentMethod | null;
  memberId?: string | null;
  status?: PaymentStatus | null;
}

export interface PaymentWithAllocations {
  payment: Payment;
  allocations: PaymentAllocation[];
}

/** Reading payments: one, a page, totals by method, the CSV export. Branch scope enforced here. */
@Injectable()
export class PaymentReports {
  constructor(private readonly payments: PaymentRepository) {}

  async get(actor: Actor, id: string): Promise<PaymentWithAllocations> {
    const payment = await this.payments.findById(id);
    if (!payment) throw AppError.notFound('Payment', id);
    requireReader(actor, payment.branchId);
    const allocations = (await this.payments.allocationsOf([id])).get(id)!;
    return { payment, allocations };
  }

  /**
   * The payment a treasurer names by what they have at hand: its id, or the reference recorded with it
   * (bank transfer reference, receipt book number). Among the payments the actor may read; one live payment
   * with the reference is it (else a voided one, which its use then refuses as voided); several live
   * ones are refused, listing them to choose by id.
   */
  async byReferenceOrId(actor: Actor, referenceOrId: string, field: string): Promise<Payment> {
    const candidates = await this.payments.findByReference(referenceOrId, readableBranches(actor), AMBIGUOUS_LISTED + 1);
    const live = candidates.filter((p) => p.status !== PaymentStatus.VOIDED);
    if (live.length > 1) {
      const listed = live.slice(0, AMBIGUOUS_LISTED).map((p) => `${p.id} (${p.receivedOn} ${Money.of(p.amount, p.currency).format('en')} ${p.method})`);
      throw PaymentsError.paymentReferenceAmbiguousAt(field, referenceOrId, live.length > AMBIGUOUS_LISTED ? [...listed, '…'] : listed);
    }
    if (candidates.length > 0) return live[0] ?? candidates[0];
    const byId = isUUID(referenceOrId) ? await this.payments.findById(referenceOrId) : null;
    if (!byId) throw PaymentsError.noPaymentWithReferenceAt(field, referenceOrId);
    requireReader(actor, byId.branchId);
    return byId;
  }

  async page(actor: Actor, query: PaymentQuery, args: { first: number; after?: string | null }): Promise<Page<PaymentWithAllocations>> {
    const page = await this.payments.page(this.filter(actor, query), args);
    const allocations = await this.payments.allocationsOf(page.edges.map((e) => e.node.id));
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: { payment: e.node, allocations: allocations.get(e.node.id)! } })),
    };
  }

  async totalsByMethod(actor: Actor, query: PaymentQuery): Promise<MethodTotal[]> {
    return this.payments.totalsByMethod({ ...this.filter(actor, query), status: query.status ?? ('RECORDED' as PaymentStatus) });
  }

  /** Writes the export in keyset batches (memory stays flat however many payments there are). */
  async exportCsv(actor: Actor, query: PaymentQuery, write: (chunk: string) => void | Promise<void>, progress?: (done: number) => void): Promise<number> {
    const filter = this.filter(actor, query);
    await write(paymentsCsvHeader());
    let rows = 0;
    for await (const batch of this.payments.stream(filter)) {
      const allocations = await this.payments.allocationsOf(batch.map((p) => p.id));
      let chunk = '';
      for (const p of batch) {
        const allocated = allocations
          .get(p.id)!
          .filter((a) => a.releasedAt === null)
          .reduce((s, a) => s + a.amount, 0n);
        chunk += paymentCsvLine({ ...p, allocated });
      }
      await write(chunk);
      rows += batch.length;
      progress?.(batch.length);
    }
    return rows;
  }

  /** The export as one string, for a GraphQL download; larger exports go through the CLI (streamed). */
  async csv(actor: Actor, query: PaymentQuery, maxRows = MAX_CSV_ROWS): Promise<string> {
    const rows = await this.count(actor, query);
    if (rows > maxRows) throw PaymentsError.exportTooLarge(rows, maxRows);
    let out = '';
    await this.exportCsv(actor, query, (chunk) => {
      out += chunk;
    });
    return out;
  }

  async count(actor: Actor, query: PaymentQuery): Promise<number> {
    return this.payments.count(this.filter(actor, query));
  }

  private filter(actor: Actor, query: PaymentQuery): PaymentFilter {
    if (query.from && query.to && query.to < query.from) throw PaymentsError.invalidPeriod('filter.to');
    return {
      branchIds: readableBranches(actor, query.branchId),
      from: query.from,
      to: query.to,
      method: query.method,
      memberId: query.memberId,
      status: query.status,
    };
  }
}
