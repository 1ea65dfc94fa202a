import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { requireWriteMember } from './member-access.js';
import { MemberKind } from './member-number.js';
import { MemberSignIns } from './member-sign-in.service.js';
import type { NewContact } from './member-rows.js';
import { contactSnapshot } from './member-snapshot.js';
import type { Member } from './member.entity.js';
import { MemberRepository } from './member.repository.js';
import { MemberError } from './members.errors.js';
import { OrganizationContactRepository } from './organization-contact.repository.js';

export const MAX_CONTACTS = 20;

/** An organization's contacts: adding one, choosing the primary and the billing contact. */
@Injectable()
export class OrganizationContacts {
  constructor(
    private readonly tx: TransactionService,
    private readonly members: MemberRepository,
    private readonly contacts: OrganizationContactRepository,
    private readonly signIns: MemberSignIns,
    private readonly audit: AuditLog,
  ) {}

  async add(actor: Actor, memberId: string, input: NewContact): Promise<Member> {
    return this.tx.run(async () => {
      const member = await this.organization(actor, memberId);
      const count = await this.contacts.countFor(memberId);
      if (count >= MAX_CONTACTS) throw MemberError.tooManyContacts(MAX_CONTACTS);
      const contact = await this.contacts.insert({
        memberId,
        name: input.name,
        nameKana: input.nameKana,
        title: input.title ?? null,
        email: input.email,
        phone: input.phone ?? null,
      });
      // The first contact is the primary and billing one; later ones when asked.
      if (count === 0 || input.isPrimary) await this.contacts.setFlag(memberId, contact.id, 'isPrimary');
      if (count === 0 || input.isBilling) await this.contacts.setFlag(memberId, contact.id, 'isBilling');
      const saved = (await this.contacts.findById(contact.id))!;
      // The primary contact signs the organization in.
      if (saved.isPrimary) await this.signIns.follow(actor, { memberId, email: saved.email, displayName: saved.name, memberNumber: member.memberNumber }, 'input.email');
      await this.audit.record(actor, { action: 'member.contact.add', entityType: 'Member', entityId: memberId, branchId: member.branchId, after: { contactId: saved.id, ...contactSnapshot(saved) } });
      return member;
    });
  }

  setPrimary(actor: Actor, contactId: string): Promise<Member> {
    return this.setFlag(actor, contactId, 'isPrimary', 'member.contact.setPrimary');
  }

  setBilling(actor: Actor, contactId: string): Promise<Member> {
    return this.setFlag(actor, contactId, 'isBilling', 'member.contact.setBilling');
  }

  private async setFlag(actor: Actor, contactId: string, flag: 'isPrimary' | 'isBilling', action: string): Promise<Member> {
    return this.tx.run(async () => {
      const contact = await this.contacts.findById(contactId);
      if (!contact) throw MemberError.contactNotFound(contactId);
      const member = await this.organization(actor, contact.memberId);
      const previous = (await this.contacts.findByMemberIds([member.id])).find((c) => c[flag]);
      await this.contacts.setFlag(member.id, contact.id, flag);
      if (flag === 'isPrimary') await this.signIns.follow(actor, { memberId: member.id, email: contact.email, displayName: contact.name, memberNumber: member.memberNumber }, 'contactId');
      await this.audit.record(actor, {
        action,
        entityType: 'Member',
        entityId: member.id,
        branchId: member.branchId,
        before: { [flag]: previous?.id ?? null },
        after: { [flag]: contact.id },
      });
      return member;
    });
  }

  private async organization(actor: Actor, memberId: string): Promise<Member> {
    const member = await this.members.lockById(memberId);
    if (!member) throw MemberError.notFound(memberId);
    requireWriteMember(actor, member);
    if (member.kind !== MemberKind.ORGANIZATION) throw MemberError.wrongKind('memberId', 'ORGANIZATION');
    return member;
  }
}
