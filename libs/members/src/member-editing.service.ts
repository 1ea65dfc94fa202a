import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { MemberKind } from './member-number.js';
import { requireWriteMember } from './member-access.js';
import { organizationNameColumns, personNameColumns } from './member-names.js';
import type { ContactDetails } from './member-rows.js';
import { memberConstraintError } from './member-registration.service.js';
import { MemberSignIns } from './member-sign-in.service.js';
import { memberSnapshot } from './member-snapshot.js';
import type { Member, MemberStatus } from './member.entity.js';
import { MemberRepository } from './member.repository.js';
import { MemberError } from './members.errors.js';
import type { OrganizationSizeTier } from './organization.entity.js';

interface MembershipChanges extends ContactDetails {
  status?: MemberStatus | null;
  joinedOn?: string | null;
}

export interface PersonChanges extends MembershipChanges {
  familyName?: string;
  givenName?: string;
  familyNameKana?: string;
  givenNameKana?: string;
}

export interface OrganizationChanges extends MembershipChanges {
  name?: string;
  nameKana?: string;
  corporateNumber?: string | null;
  representativeName?: string;
  representativeTitle?: string | null;
  sizeTier?: OrganizationSizeTier;
}

const CONTACT_KEYS = ['email', 'phone', 'postalCode', 'address'] as const;

/** Editing a member: staff edit everything but the member number and branch (see transfer); members their own contact details. */
@Injectable()
export class MemberEditing {
  constructor(
    private readonly tx: TransactionService,
    private readonly members: MemberRepository,
    private readonly signIns: MemberSignIns,
    private readonly audit: AuditLog,
  ) {}

  async updatePerson(actor: Actor, id: string, changes: PersonChanges): Promise<Member> {
    return this.edit(actor, id, MemberKind.PERSON, changes, 'member.update', (m) => {
      const p = m.person!;
      for (const key of ['familyName', 'givenName', 'familyNameKana', 'givenNameKana'] as const) if (changes[key] !== undefined) p[key] = changes[key];
      Object.assign(m, personNameColumns(p));
      this.applyMembership(m, changes);
    });
  }

  async updateOrganization(actor: Actor, id: string, changes: OrganizationChanges): Promise<Member> {
    return this.edit(actor, id, MemberKind.ORGANIZATION, changes, 'member.update', async (m) => {
      const o = m.organization!;
      if (changes.corporateNumber && changes.corporateNumber !== o.corporateNumber && (await this.members.corporateNumberInUse(changes.corporateNumber, id))) {
        throw MemberError.corporateNumberTaken('input.corporateNumber', changes.corporateNumber);
      }
      for (const key of ['corporateNumber', 'representativeName', 'representativeTitle', 'sizeTier'] as const) {
        if (changes[key] !== undefined) (o as unknown as Record<string, unknown>)[key] = changes[key];
      }
      Object.assign(m, organizationNameColumns(changes.name ?? m.name, changes.nameKana ?? m.nameKana));
      this.applyMembership(m, changes);
    });
  }

  /** A member editing their own e-mail, phone, postal code and address. */
  async updateOwnContactDetails(actor: Actor, changes: ContactDetails): Promise<Member> {
    if (!actor.memberId) throw MemberError.noMemberRecord();
    return this.edit(actor, actor.memberId, null, changes, 'member.update.self', (m) => this.applyContact(m, changes), false);
  }

  private applyMembership(m: Member, changes: MembershipChanges): void {
    if (changes.status) m.status = changes.status;
    if (changes.joinedOn) m.joinedOn = changes.joinedOn;
    this.applyContact(m, changes);
  }

  private applyContact(m: Member, changes: ContactDetails): void {
    for (const key of CONTACT_KEYS) {
      if (changes[key] === undefined) continue;
      // Individuals must keep an e-mail address; null clears the other fields.
      if (key === 'email' && changes.email === null && m.kind === MemberKind.PERSON) continue;
      m[key] = changes[key] ?? null;
    }
  }

  private async edit(
    actor: Actor,
    id: string,
    kind: MemberKind | null,
    changes: ContactDetails & { corporateNumber?: string | null },
    action: string,
    apply: (m: Member) => void | Promise<void>,
    staff = true,
  ): Promise<Member> {
    try {
      return await this.tx.run(async () => {
        const member = await this.members.lockById(id);
        if (!member) throw staff ? MemberError.notFound(id) : MemberError.noMemberRecord();
        if (staff) requireWriteMember(actor, member);
        if (kind && member.kind !== kind) throw MemberError.wrongKind('id', kind);
        const before = memberSnapshot(member);
        if (changes.email && changes.email !== member.email && (await this.members.emailsInUse([changes.email], id)).size > 0) {
          throw MemberError.emailTaken('input.email', changes.email);
        }
        await apply(member);
        await this.members.saveMember(member);
        if (member.person) await this.members.savePerson(member.person);
        if (member.organization) await this.members.saveOrganization(member.organization);
        const after = memberSnapshot(member);
        // An individual signs in with their own address: the account follows a new address or name.
        if (member.kind === MemberKind.PERSON && (after.email !== before.email || after.name !== before.name)) {
          await this.signIns.follow(actor, { memberId: id, email: member.email!, displayName: member.name, memberNumber: member.memberNumber }, 'input.email');
        }
        await this.audit.record(actor, { action, entityType: 'Member', entityId: id, branchId: member.branchId, before, after });
        return (await this.members.findById(id))!;
      });
    } catch (error) {
      throw memberConstraintError(error, changes);
    }
  }
}
