import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { OrganizationContact } from './organization-contact.entity.js';
import { OrganizationContactRepository } from './organization-contact.repository.js';

/** Batches the `contacts` of every organization in one GraphQL request into one query. */
@Injectable()
export class OrganizationContactLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, OrganizationContact[]>>();

  constructor(private readonly contacts: OrganizationContactRepository) {}

  for(context: object): DataLoader<string, OrganizationContact[]> {
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = new DataLoader(async (memberIds) => {
        const rows = await this.contacts.findByMemberIds(memberIds);
        return memberIds.map((id) => rows.filter((c) => c.memberId === id));
      });
      this.loaders.set(context, loader);
    }
    return loader;
  }
}
