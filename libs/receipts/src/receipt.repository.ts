import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import { Receipt } from './receipt.entity.js';
import { ReceiptKind, ReceiptStatus } from './receipt-kind.js';

export interface ReceiptFilter {
  /** 'ALL' or the branch ids the caller may see. */
  branchScope: 'ALL' | string[];
  branchId?: string | null;
  bookId?: string | null;
  memberId?: string | null;
  kind?: ReceiptKind | null;
  status?: ReceiptStatus | null;
  number?: string | null;
  from?: string | null;
  to?: string | null;
}

/** Receipts and their counters, in the caller's transaction. */
@Injectable()
export class ReceiptRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.repository(Receipt);
  }

  /**
   * The next number of a book, year and kind. The UPSERT locks the counter row until the calling
   * transaction ends: concurrent issuers wait, and a rollback gives the number back (no gaps).
   */
  async nextSequence(bookId: string, year: number, kind: ReceiptKind): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `INSERT INTO receipt_counters (book_id, year, kind, last_sequence) VALUES ($1, $2, $3, 1)
       ON CONFLICT (book_id, year, kind) DO UPDATE SET last_sequence = receipt_counters.last_sequence + 1
       RETURNING last_sequence`,
      [bookId, year, kind],
    )) as { last_sequence: number }[];
    return row.last_sequence;
  }

  findIssuedForSource(sourceType: string, sourceId: string): Promise<Receipt | null> {
    return this.repo.findOneBy({ sourceType, sourceId, status: ReceiptStatus.ISSUED });
  }

  /** The newest receipt of a source, whatever its status, locked. */
  latestForSource(sourceType: string, sourceId: string): Promise<Receipt | null> {
    return this.repo
      .createQueryBuilder('r')
      .where('r.source_type = :sourceType AND r.source_id = :sourceId', { sourceType, sourceId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.sequence', 'DESC')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
  }

  findById(id: string): Promise<Receipt | null> {
    return this.repo.findOneBy({ id });
  }

  lockById(id: string): Promise<Receipt | null> {
    return this.repo.createQueryBuilder('r').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async insert(receipt: Partial<Receipt>): Promise<Receipt> {
    return this.repo.save(this.repo.create(receipt));
  }

  async markVoid(id: string, at: Date, reason: string): Promise<void> {
    await this.repo.update({ id }, { status: ReceiptStatus.VOID, voidedAt: at, voidReason: reason, pdf: null, pdfSha256: null });
  }

  async pdfOf(id: string): Promise<Buffer | null> {
    const row = await this.repo.createQueryBuilder('r').select(['r.id', 'r.pdf']).where('r.id = :id', { id }).getOne();
    return row?.pdf ?? null;
  }

  /** Stores the rendered PDF unless one is stored already (a concurrent render stored the same bytes). */
  async storePdf(id: string, pdf: Buffer, sha256: string): Promise<void> {
    await this.repo.createQueryBuilder().update().set({ pdf, pdfSha256: sha256 }).where('id = :id AND pdf IS NULL', { id }).execute();
  }

  async setEmail(id: string, emailId: string): Promise<void> {
    await this.repo.update({ id }, { emailId });
  }

  /** Newest issued first, keyset on (issued_on, id). */
  page(filter: ReceiptFilter, args: { first: number; after?: string | null }): Promise<Page<Receipt>> {
    const qb = this.repo.createQueryBuilder('r');
    if (filter.branchScope !== 'ALL') qb.andWhere('r.branch_id = ANY(:scope)', { scope: filter.branchScope });
    if (filter.branchId) qb.andWhere('r.branch_id = :branchId', { branchId: filter.branchId });
    if (filter.bookId) qb.andWhere('r.book_id = :bookId', { bookId: filter.bookId });
    if (filter.memberId) qb.andWhere('r.member_id = :memberId', { memberId: filter.memberId });
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.number) qb.andWhere('r.number = :number', { number: filter.number });
    if (filter.from) qb.andWhere('r.issued_on >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('r.issued_on <= :to', { to: filter.to });
    return keysetPage(
      qb,
      [
        { expression: 'r.issued_on', value: (r) => r.issuedOn },
        { expression: 'r.id', value: (r) => r.id },
      ],
      args,
      'DESC',
    );
  }
}
