import { Injectable } from '@nestjs/common';
import { RowChanges, TransactionService } from '#core';
import type { Branch } from './branch.entity.js';
import { BranchRepository } from './branch.repository.js';

/** Branches remembered per process; past this the memory is simply cleared. */
const BRANCHES_KEPT = 5_000;

/**
 * Branches by id, kept in memory between requests (the branch directory every member page
 * reads). Each branch is read once, when first asked for; a change to a branch, made in any
 * process, is announced by PostgreSQL (RowChanges) and that branch is read again next time.
 * Nothing is served from here inside a transaction (it reads its own writes) or while the
 * listener is not connected. The rows are shared: read them, never change them.
 */
@Injectable()
export class BranchCache {
  private readonly branches = new Map<string, Branch>();
  private generation = 0;

  constructor(
    private readonly repository: BranchRepository,
    private readonly tx: TransactionService,
    private readonly changes: RowChanges,
  ) {
    changes.on('branches', (id) => {
      this.generation++;
      if (id === null) this.branches.clear();
      else this.branches.delete(id);
    });
  }

  /** The branches among `ids` that exist (unknown ids absent), at most one query for those not cached. */
  async byIds(ids: readonly string[]): Promise<Branch[]> {
    if (this.tx.active || !this.changes.live) return this.repository.findByIds(ids);
    const missing = ids.filter((id) => !this.branches.has(id));
    if (missing.length > 0) {
      const generation = this.generation;
      const loaded = await this.repository.findByIds([...new Set(missing)]);
      if (generation === this.generation && this.changes.live) {
        if (this.branches.size + loaded.length > BRANCHES_KEPT) this.branches.clear();
        for (const branch of loaded) this.branches.set(branch.id, branch);
      }
      const fresh = new Map(loaded.map((b) => [b.id, b]));
      return ids.flatMap((id) => this.branches.get(id) ?? fresh.get(id) ?? []);
    }
    return ids.map((id) => this.branches.get(id)!);
  }

  async byId(id: string): Promise<Branch | null> {
    return (await this.byIds([id]))[0] ?? null;
  }
}
