import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { OrganizationContact } from './organization-contact.entity.js';

/** Contacts of organizational members. */
@Injectable()
export class OrganizationContactRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Every contact of these organizations, one query, oldest first. */
  findByMemberIds(memberIds: readonly string[]): Promise<OrganizationContact[]> {
    if (memberIds.length === 0) return Promise.resolve([]);
    return this.tx
      .repository(OrganizationContact)
      .createQueryBuilder('c')
      .where('c.member_id = ANY(:ids)', { ids: [...memberIds] })
      .orderBy('c.member_id')
      .addOrderBy('c.created_at')
      .addOrderBy('c.id')
      .getMany();
  }

  findById(id: string): Promise<OrganizationContact | null> {
    return this.tx.repository(OrganizationContact).findOne({ where: { id } });
  }

  countFor(memberId: string): Promise<number> {
    return this.tx.repository(OrganizationContact).count({ where: { memberId } });
  }

  async insert(contact: Partial<OrganizationContact>): Promise<OrganizationContact> {
    const repo = this.tx.repository(OrganizationContact);
    return repo.save(repo.create(contact));
  }

  async insertMany(contacts: Partial<OrganizationContact>[]): Promise<void> {
    if (contacts.length === 0) return;
    await this.tx.manager.createQueryBuilder().insert().into(OrganizationContact).values(contacts).updateEntity(false).execute();
  }

  /** Makes `contactId` the organization's only contact with the flag (two statements: the unique index is not deferrable). */
  async setFlag(memberId: string, contactId: string, flag: 'isPrimary' | 'isBilling'): Promise<void> {
    const repo = this.tx.repository(OrganizationContact);
    await repo.update({ memberId, [flag]: true }, { [flag]: false });
    await repo.update({ id: contactId, memberId }, { [flag]: true });
  }
}
