import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookService } from '#ledger';
import { FundBookKind } from './donation-enums.js';
import { DonationsError } from './donations.errors.js';
import { requireFundManager } from './fund-access.js';
import type { Fund } from './fund.repository.js';
import { FundRepository } from './fund.repository.js';

export interface CreateFund {
  code: string;
  nameJa: string;
  nameEn: string;
  book: FundBookKind;
  branchId?: string | null;
  restricted: boolean;
}

/** Funds (基金 / 使途指定): which book receives them, restricted or not, open or closed. */
@Injectable()
export class FundService {
  constructor(
    private readonly tx: TransactionService,
    private readonly funds: FundRepository,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async get(id: string): Promise<Fund> {
    const fund = await this.funds.findById(id);
    if (!fund) throw DonationsError.fundNotFound(id);
    return fund;
  }

  list(options: { openOnly: boolean; first: number; afterCode?: string | null }): Promise<Fund[]> {
    return this.funds.list({ openOnly: options.openOnly, afterCode: options.afterCode, limit: options.first });
  }

  async create(actor: Actor, input: CreateFund): Promise<Fund> {
    if (input.book === FundBookKind.BRANCH && !input.branchId) throw DonationsError.branchRequired();
    if (input.book !== FundBookKind.BRANCH && input.branchId) throw DonationsError.branchNotAllowed();
    const branchId = input.book === FundBookKind.BRANCH ? input.branchId! : null;
    requireFundManager(actor, { branchId });
    const book =
      input.book === FundBookKind.FEDERATION ? await this.books.federationBook() : input.book === FundBookKind.FOUNDATION ? await this.books.foundationBook() : await this.books.bookForBranch(branchId!);
    return this.tx.run(async () => {
      const fund = await this.funds.insert({ code: input.code, nameJa: input.nameJa.trim(), nameEn: input.nameEn.trim(), bookId: book.id, branchId, restricted: input.restricted });
      await this.audit.record(actor, { action: 'fund.create', entityType: 'Fund', entityId: fund.id, branchId, after: { code: fund.code, nameJa: fund.nameJa, nameEn: fund.nameEn, bookId: book.id, restricted: fund.restricted } });
      return fund;
    });
  }

  async update(actor: Actor, id: string, changes: { nameJa?: string | null; nameEn?: string | null; open?: boolean | null }): Promise<Fund> {
    return this.tx.run(async () => {
      const before = await this.funds.lock(id);
      if (!before) throw DonationsError.fundNotFound(id);
      requireFundManager(actor, before);
      const after = await this.funds.update(id, { nameJa: changes.nameJa?.trim(), nameEn: changes.nameEn?.trim(), open: changes.open ?? undefined });
      await this.audit.record(actor, {
        action: 'fund.update',
        entityType: 'Fund',
        entityId: id,
        branchId: before.branchId,
        before: { nameJa: before.nameJa, nameEn: before.nameEn, open: before.open },
        after: { nameJa: after.nameJa, nameEn: after.nameEn, open: after.open },
      });
      return after;
    });
  }
}
