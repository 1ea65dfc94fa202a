import { Injectable } from '@nestjs/common';
import { Branch } from './branch.entity.js';
import { BranchCache } from './branch-cache.js';
import { BranchRepository } from './branch.repository.js';
import { FederationError } from './federation.errors.js';

/**
 * Read access to branches for other libraries (members, dues, payments): one query for many
 * ids, none for branches already cached (BranchCache; inside a transaction, always read).
 */
@Injectable()
export class BranchDirectory {
  constructor(
    private readonly branches: BranchRepository,
    private readonly cache: BranchCache,
  ) {}

  async get(id: string): Promise<Branch> {
    const branch = await this.cache.byId(id);
    if (!branch) throw FederationError.branchNotFound(id);
    return branch;
  }

  find(id: string): Promise<Branch | null> {
    return this.cache.byId(id);
  }

  /** The branches among `ids` that exist, by id. */
  async getMany(ids: readonly string[]): Promise<Map<string, Branch>> {
    const rows = await this.cache.byIds([...new Set(ids)]);
    return new Map(rows.map((b) => [b.id, b]));
  }

  /** Branches by code (e.g. TKY), for imports. */
  async byCodes(codes: readonly string[]): Promise<Map<string, Branch>> {
    const rows = await this.branches.findByCodes([...new Set(codes)]);
    return new Map(rows.map((b) => [b.code, b]));
  }

  async count(): Promise<number> {
    return this.branches.count();
  }
}
