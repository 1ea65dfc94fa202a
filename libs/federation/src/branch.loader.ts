import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Branch } from './branch.entity.js';
import { BranchCache } from './branch-cache.js';

/**
 * Batches `branch` fields of one GraphQL request into one lookup in the branch cache (at most
 * one query, for the branches it does not hold yet). The loader lives as long as the request's
 * context object (a WeakMap key); what outlives the request is BranchCache's, kept correct by
 * row-change notifications.
 */
@Injectable()
export class BranchLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, Branch | null>>();

  constructor(private readonly branches: BranchCache) {}

  for(context: object): DataLoader<string, Branch | null> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await this.branches.byIds(ids);
        const byId = new Map(rows.map((b) => [b.id, b]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.loaders.set(context, loader);
    }
    return loader;
  }
}
