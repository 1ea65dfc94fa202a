import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { PreparedStatements, TransactionService, keysetPage, type Page } from '#core';
import { Payment, PaymentStatus } from './payment.entity.js';
import { PaymentAllocation } from './payment-allocation.entity.js';
import type { PaymentMethod } from './payment-method.js';
import type { CreditSource } from './allocation.js';

export interface PaymentFilter {
  /** 'ALL' for federation-wide readers; otherwise the branches in scope. */
  branchIds: 'ALL' | string[];
  from?: string | null;
  to?: string | null;
  method?: PaymentMethod | null;
  memberId?: string | null;
  status?: PaymentStatus | null;
}

export interface MethodTotal {
  method: PaymentMethod;
  currency: string;
  count: number;
  amount: bigint;
  fee: bigint;
}

/** The payments tables. Runs in the caller's transaction. */
export type PaymentClaim = Omit<Payment, 'id' | 'recordedAt' | 'voidedAt' | 'voidedBy' | 'voidReason' | 'status' | 'journalEntryId' | 'postedOn' | 'takenBack'>;

/** A claimed payment as the database now holds it (recorded, not yet posted), without reading it back. */
function asStored(row: PaymentClaim, id: string, recordedAt: Date): Payment {
  return Object.assign(new Payment(), {
    ...row,
    id,
    recordedAt,
    status: PaymentStatus.RECORDED,
    takenBack: 0n,
    journalEntryId: null,
    postedOn: null,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
  });
}

@Injectable()
export class PaymentRepository {
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
  ) {}

  private get payments() {
    return this.tx.repository(Payment);
  }

  private get allocations() {
    return this.tx.repository(PaymentAllocation);
  }

  /**
   * Inserts a payment already posted — its id and journal entry chosen by the caller (the entry is written
   * later in the same transaction: the foreign key is checked at commit) — and its allocations, in ONE
   * statement (data-modifying CTEs), unless its idempotency key or live (branch, method, reference) is
   * taken: then nothing is written and null returned. A concurrent insert of the same key or reference waits
   * for the other transaction, so after a `null` the winner is committed and visible to the next statement.
   * Allocations come back in the order given.
   */
  async claimWithAllocations(
    row: PaymentClaim,
    posted: { id: string; journalEntryId: string; postedOn: string },
    allocations: readonly Pick<PaymentAllocation, 'invoiceId' | 'amount' | 'source' | 'appliedOn'>[],
  ): Promise<{ payment: Payment; allocations: PaymentAllocation[] } | null> {
    const rows = await this.statements.rows<{ id: string; recorded_at: Date; allocations: { id: string; n: number; created_at: string }[] | null }>(
      `WITH p AS (
         INSERT INTO payments (branch_id, book_id, member_id, method, reference, amount, fee, currency, received_on, memo, idempotency_key, request_hash, recorded_by,
                               id, journal_entry_id, posted_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $18, $19, $20)
         ON CONFLICT DO NOTHING RETURNING id, recorded_at
       ), t AS (
         SELECT gen_random_uuid() AS id, t.* FROM unnest($14::uuid[], $15::bigint[], $16::text[], $17::date[]) WITH ORDINALITY AS t(invoice_id, amount, source, applied_on, n)
       ), a AS (
         INSERT INTO payment_allocations (id, payment_id, invoice_id, amount, source, applied_on)
         SELECT t.id, p.id, t.invoice_id, t.amount, t.source, t.applied_on FROM p, t
         RETURNING id, created_at
       )
       SELECT p.id, p.recorded_at,
              (SELECT json_agg(json_build_object('id', t.id, 'n', t.n, 'created_at', a.created_at) ORDER BY t.n) FROM t JOIN a ON a.id = t.id) AS allocations
         FROM p`,
      [
        row.branchId,
        row.bookId,
        row.memberId,
        row.method,
        row.reference,
        row.amount.toString(),
        row.fee.toString(),
        row.currency,
        row.receivedOn,
        row.memo,
        row.idempotencyKey,
        row.requestHash,
        row.recordedBy,
        allocations.map((a) => a.invoiceId),
        allocations.map((a) => a.amount.toString()),
        allocations.map((a) => a.source),
        allocations.map((a) => a.appliedOn),
        posted.id,
        posted.journalEntryId,
        posted.postedOn,
      ],
    );
    const stored = rows[0];
    if (!stored) return null;
    const payment = Object.assign(asStored(row, stored.id, stored.recorded_at), { journalEntryId: posted.journalEntryId, postedOn: posted.postedOn });
    return {
      payment,
      allocations: (stored.allocations ?? []).map((r) =>
        Object.assign(new PaymentAllocation(), { ...allocations[r.n - 1], id: r.id, paymentId: payment.id, journalEntryId: null, releasedAt: null, createdAt: new Date(r.created_at) }),
      ),
    };
  }

  findById(id: string): Promise<Payment | null> {
    return this.payments.findOne({ where: { id } });
  }

  /**
   * Many payments (not yet posted) in one INSERT: those whose idempotency key or live reference is taken
   * are skipped. Returns what was stored, by idempotency key.
   */
  async claimMany(rows: readonly PaymentClaim[]): Promise<Map<string, Payment>> {
    if (rows.length === 0) return new Map();
    const stored: { id: string; idempotency_key: string; recorded_at: Date }[] = await this.tx.manager.query(
      `INSERT INTO payments (branch_id, book_id, member_id, method, reference, amount, fee, currency, received_on, memo, idempotency_key, request_hash, recorded_by)
       SELECT t.branch_id, t.book_id, t.member_id, t.method, t.reference, t.amount, t.fee, t.currency, t.received_on, t.memo, t.idempotency_key, t.request_hash, t.recorded_by
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::date[], $10::text[], $11::text[], $12::text[], $13::uuid[], $14::int[])
              AS t(branch_id, book_id, member_id, method, reference, amount, fee, currency, received_on, memo, idempotency_key, request_hash, recorded_by, n)
        ORDER BY t.n
       ON CONFLICT DO NOTHING RETURNING id, idempotency_key, recorded_at`,
      [
        rows.map((r) => r.branchId),
        rows.map((r) => r.bookId),
        rows.map((r) => r.memberId),
        rows.map((r) => r.method),
        rows.map((r) => r.reference),
        rows.map((r) => r.amount.toString()),
        rows.map((r) => r.fee.toString()),
        rows.map((r) => r.currency),
        rows.map((r) => r.receivedOn),
        rows.map((r) => r.memo),
        rows.map((r) => r.idempotencyKey),
        rows.map((r) => r.requestHash),
        rows.map((r) => r.recordedBy),
        rows.map((_, i) => i),
      ],
    );
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    return new Map(stored.map((s) => [s.idempotency_key, asStored(byKey.get(s.idempotency_key)!, s.id, s.recorded_at)]));
  }

  /** The payments with these idempotency keys, by key (one query). */
  async findByIdempotencyKeys(keys: readonly string[]): Promise<Map<string, Payment>> {
    if (keys.length === 0) return new Map();
    const found = await this.payments.find({ where: { idempotencyKey: In([...new Set(keys)]) } });
    return new Map(found.map((p) => [p.idempotencyKey, p]));
  }

  findByIdempotencyKey(key: string): Promise<Payment | null> {
    return this.payments.findOne({ where: { idempotencyKey: key } });
  }

  findLiveByReference(branchId: string, method: PaymentMethod, reference: string): Promise<Payment | null> {
    return this.payments
      .createQueryBuilder('p')
      .where('p.branch_id = :branchId AND p.method = :method AND p.reference = :reference AND p.status <> :voided', {
        branchId,
        method,
        reference,
        voided: PaymentStatus.VOIDED,
      })
      .getOne();
  }

  /** The payment row locked for a change of its allocations (void, credit use). */
  lock(id: string): Promise<Payment | null> {
    return this.payments.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async setPosted(id: string, journalEntryId: string, postedOn: string): Promise<void> {
    await this.payments.update({ id }, { journalEntryId, postedOn });
  }

  /** Marks many payments posted with one UPDATE. */
  async setPostedMany(rows: readonly { id: string; journalEntryId: string; postedOn: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.manager.query(
      `UPDATE payments p SET journal_entry_id = r.entry_id, posted_on = r.posted_on
         FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS r(id, entry_id, posted_on)
        WHERE p.id = r.id`,
      [rows.map((r) => r.id), rows.map((r) => r.journalEntryId), rows.map((r) => r.postedOn)],
    );
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Payment>> {
    if (ids.length === 0) return new Map();
    const found = await this.payments.find({ where: { id: In([...ids]) } });
    return new Map(found.map((p) => [p.id, p]));
  }

  async markVoided(id: string, by: string, reason: string): Promise<void> {
    await this.payments.update({ id }, { status: PaymentStatus.VOIDED, voidedAt: new Date(), voidedBy: by, voidReason: reason });
  }

  async insertAllocations(rows: Pick<PaymentAllocation, 'paymentId' | 'invoiceId' | 'amount' | 'source' | 'appliedOn' | 'journalEntryId'>[]): Promise<PaymentAllocation[]> {
    if (rows.length === 0) return [];
    const created = this.allocations.create(rows.map((r) => ({ ...r, releasedAt: null })));
    return this.allocations.save(created);
  }

  async setAllocationEntry(id: string, journalEntryId: string): Promise<void> {
    await this.allocations.update({ id }, { journalEntryId });
  }

  /** Every allocation of these payments, live and released, oldest first (one query). */
  async allocationsOf(paymentIds: readonly string[]): Promise<Map<string, PaymentAllocation[]>> {
    const map = new Map<string, PaymentAllocation[]>(paymentIds.map((id) => [id, []]));
    if (paymentIds.length === 0) return map;
    const rows = await this.allocations
      .createQueryBuilder('a')
      .where('a.payment_id = ANY(:ids)', { ids: [...paymentIds] })
      .orderBy('a.created_at')
      .addOrderBy('a.id')
      .getMany();
    for (const a of rows) map.get(a.paymentId)!.push(a);
    return map;
  }

  liveAllocations(paymentId: string): Promise<PaymentAllocation[]> {
    return this.allocations.find({ where: { paymentId, releasedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async releaseAllocations(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.allocations.createQueryBuilder().update().set({ releasedAt: () => 'now()' }).where('id = ANY(:ids)', { ids: [...ids] }).execute();
  }

  /**
   * The member's credit: each recorded payment's amount minus its live allocations, oldest
   * first. With `lock`, the payment rows are locked so two uses of the same credit queue up.
   */
  async creditSources(memberId: string, options: { lock?: boolean; currency?: string } = {}): Promise<(CreditSource & { currency: string; bookId: string; branchId: string })[]> {
    if (options.lock) {
      await this.tx.manager.query(`SELECT id FROM payments WHERE member_id = $1 AND status = 'RECORDED' ORDER BY id FOR UPDATE`, [memberId]);
    }
    // What Stripe gave back or lost (taken_back: booked refunds, lost disputes) is no longer the member's.
    const rows: { id: string; currency: string; book_id: string; branch_id: string; available: string }[] = await this.tx.manager.query(
      `SELECT p.id, p.currency, p.book_id, p.branch_id,
              p.amount - p.taken_back - COALESCE(sum(a.amount) FILTER (WHERE a.released_at IS NULL), 0) AS available
         FROM payments p
         LEFT JOIN payment_allocations a ON a.payment_id = p.id
        WHERE p.member_id = $1 AND p.status = 'RECORDED' AND ($2::text IS NULL OR p.currency = $2)
        GROUP BY p.id
       HAVING p.amount - p.taken_back - COALESCE(sum(a.amount) FILTER (WHERE a.released_at IS NULL), 0) > 0
        ORDER BY p.received_on, p.recorded_at, p.id`,
      [memberId, options.currency ?? null],
    );
    return rows.map((r) => ({ paymentId: r.id, available: BigInt(r.available), currency: r.currency.trim(), bookId: r.book_id, branchId: r.branch_id }));
  }

  /**
   * Payments recorded with this reference (bank transfer reference, receipt book number…) in the branches
   * given, live ones first, at most `limit` (payments_reference_idx).
   */
  findByReference(reference: string, branchIds: 'ALL' | string[], limit: number): Promise<Payment[]> {
    const qb = this.payments.createQueryBuilder('p').where('p.reference = :reference', { reference });
    if (branchIds !== 'ALL') qb.andWhere('p.branch_id = ANY(:branchIds)', { branchIds });
    return qb
      .orderBy(`p.status = 'VOIDED'`, 'ASC')
      .addOrderBy('p.received_on', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Newest first: (received_on, id) descending; filters use the branch/method/member indexes. */
  page(filter: PaymentFilter, args: { first: number; after?: string | null }): Promise<Page<Payment>> {
    const qb = this.filtered(filter);
    return keysetPage(
      qb,
      [
        { expression: 'p.received_on', value: (p) => p.receivedOn },
        { expression: 'p.id', value: (p) => p.id },
      ],
      args,
      'DESC',
    );
  }

  /** Keyset batches for exports: never OFFSET, never the whole table in memory. */
  async *stream(filter: PaymentFilter, batchSize = 500): AsyncGenerator<Payment[]> {
    let after: string | null = null;
    for (;;) {
      const page: Page<Payment> = await this.page(filter, { first: batchSize, after });
      if (page.edges.length > 0) yield page.edges.map((e) => e.node);
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }

  async count(filter: PaymentFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  async totalsByMethod(filter: PaymentFilter): Promise<MethodTotal[]> {
    const rows: { method: PaymentMethod; currency: string; count: string; amount: string; fee: string }[] = await this.filtered(filter)
      .select('p.method', 'method')
      .addSelect('p.currency', 'currency')
      .addSelect('count(*)', 'count')
      .addSelect('sum(p.amount)', 'amount')
      .addSelect('sum(p.fee)', 'fee')
      .groupBy('p.method')
      .addGroupBy('p.currency')
      .orderBy('p.method')
      .getRawMany();
    return rows.map((r) => ({ method: r.method, currency: r.currency.trim(), count: Number(r.count), amount: BigInt(r.amount), fee: BigInt(r.fee) }));
  }

  private filtered(filter: PaymentFilter) {
    const qb = this.payments.createQueryBuilder('p');
    if (filter.branchIds !== 'ALL') qb.andWhere('p.branch_id = ANY(:branchIds)', { branchIds: filter.branchIds });
    if (filter.from) qb.andWhere('p.received_on >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('p.received_on <= :to', { to: filter.to });
    if (filter.method) qb.andWhere('p.method = :method', { method: filter.method });
    if (filter.memberId) qb.andWhere('p.member_id = :memberId', { memberId: filter.memberId });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return qb;
  }
}
