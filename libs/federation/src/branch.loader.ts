import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Branch } from './branch.entity.js';
import { BranchRepository } from './branch.repository.js';

/**
 * Batches `branch` fields of one GraphQL request into one query. The loader lives as
 * long as the request's context object (a WeakMap key), so nothing is cached across requests.
 */
@Injectable()
export class BranchLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, Branch | null>>();

  constructor(private readonly branches: BranchRepository) {}

  for(context: object): DataLoader<string, Branch | null> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await this.branches.findByIds(ids);
        const byId = new Map(rows.map((b) => [b.id, b]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.loaders.set(context, loader);
    }
    return loader;
  }
}
