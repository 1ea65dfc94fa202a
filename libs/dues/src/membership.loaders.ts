import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Invoice } from './invoice.entity.js';
import { InvoiceRepository } from './invoice.repository.js';
import type { MembershipStatusChange } from './membership-status-change.entity.js';
import { MembershipRepository } from './membership.repository.js';

interface Loaders {
  history: DataLoader<string, MembershipStatusChange[]>;
  invoices: DataLoader<string, Invoice[]>;
}

/**
 * Batches the nested fields of memberships (`history`, `invoices`) of one GraphQL request: one
 * query per field for the whole page, whatever its size. The loaders live as long as the
 * request's context object (a WeakMap key): nothing is cached across requests.
 */
@Injectable()
export class MembershipLoaders {
  private readonly loaders = new WeakMap<object, Loaders>();

  constructor(
    private readonly memberships: MembershipRepository,
    private readonly invoices: InvoiceRepository,
  ) {}

  /** Status changes of a membership, oldest first. */
  history(context: object): DataLoader<string, MembershipStatusChange[]> {
    return this.for(context).history;
  }

  /** Invoices of a membership by period (unfiltered: the caller applies the reading rule). */
  invoicesOf(context: object): DataLoader<string, Invoice[]> {
    return this.for(context).invoices;
  }

  private for(context: object): Loaders {
    let loaders = this.loaders.get(context);
    if (!loaders) {
      loaders = {
        history: new DataLoader(async (ids) => {
          const byMembership = await this.memberships.histories(ids);
          return ids.map((id) => byMembership.get(id) ?? []);
        }),
        invoices: new DataLoader(async (ids) => {
          const byMembership = await this.invoices.forMemberships(ids);
          return ids.map((id) => byMembership.get(id) ?? []);
        }),
      };
      this.loaders.set(context, loaders);
    }
    return loaders;
  }
}
