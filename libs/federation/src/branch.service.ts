import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation, type Page } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookKind, BookService } from '#ledger';
import { Branch } from './branch.entity.js';
import { BranchRepository } from './branch.repository.js';
import { FederationError } from './federation.errors.js';

export interface BranchFields {
  nameJa: string;
  nameEn: string;
  prefecture: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export interface NewBranch extends BranchFields {
  code: string;
}

function snapshot(b: Branch) {
  return { code: b.code, nameJa: b.nameJa, nameEn: b.nameEn, prefecture: b.prefecture, contactEmail: b.contactEmail, contactPhone: b.contactPhone };
}

/** Creating and editing branches (federation admins); a new branch gets its book in the same transaction. */
@Injectable()
export class BranchService {
  constructor(
    private readonly tx: TransactionService,
    private readonly branches: BranchRepository,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: NewBranch): Promise<Branch> {
    try {
      return await this.tx.run(async () => {
        if (await this.branches.findByCode(input.code)) throw FederationError.branchCodeTaken(input.code);
        const branch = await this.branches.save(
          this.branches.create({
            code: input.code,
            nameJa: input.nameJa,
            nameEn: input.nameEn,
            prefecture: input.prefecture,
            contactEmail: input.contactEmail ?? null,
            contactPhone: input.contactPhone ?? null,
          }),
        );
        await this.books.openBook({ kind: BookKind.BRANCH, branchId: branch.id, nameJa: branch.nameJa, nameEn: branch.nameEn });
        await this.audit.record(actor, { action: 'branch.create', entityType: 'Branch', entityId: branch.id, branchId: branch.id, after: snapshot(branch) });
        return branch;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_branches_code')) throw FederationError.branchCodeTaken(input.code);
      throw error;
    }
  }

  async update(actor: Actor, id: string, input: Partial<BranchFields>): Promise<Branch> {
    return this.tx.run(async () => {
      const branch = await this.branches.findById(id);
      if (!branch) throw FederationError.branchNotFound(id);
      const before = snapshot(branch);
      for (const key of ['nameJa', 'nameEn', 'prefecture', 'contactEmail', 'contactPhone'] as const) {
        if (input[key] !== undefined) (branch as unknown as Record<string, unknown>)[key] = input[key];
      }
      const saved = await this.branches.save(branch);
      await this.audit.record(actor, { action: 'branch.update', entityType: 'Branch', entityId: id, branchId: id, before, after: snapshot(saved) });
      return saved;
    });
  }

  count(): Promise<number> {
    return this.branches.count();
  }

  get(id: string): Promise<Branch | null> {
    return this.branches.findById(id);
  }

  list(filter: { prefecture?: string }, page: { first: number; after?: string }): Promise<Page<Branch>> {
    return this.branches.page(filter, page);
  }
}
