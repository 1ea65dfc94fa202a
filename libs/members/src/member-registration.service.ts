import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, PgCode, TransactionService, isUniqueViolation, pgCode, pgConstraint } from '#core';
import { BRANCH_WRITERS, requireBranch, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory } from '#federation';
import { MemberKind } from './member-number.js';
import { MemberNumbering } from './member-numbering.service.js';
import { MemberSignIns, type SignInAddress } from './member-sign-in.service.js';
import type { Member } from './member.entity.js';
import { MemberRepository } from './member.repository.js';
import { organizationRows, personRows, type NewOrganizationMember, type NewPersonMember } from './member-rows.js';
import { memberSnapshot } from './member-snapshot.js';
import { MemberError } from './members.errors.js';
import { OrganizationContactRepository } from './organization-contact.repository.js';

/** Maps a unique or foreign-key violation raced past the checks to the same field error the checks give. */
export function memberConstraintError(error: unknown, input: { email?: string | null; memberNumber?: string | null; corporateNumber?: string | null; branchId?: string }, prefix = 'input'): unknown {
  if (isUniqueViolation(error, 'members_email_key')) return MemberError.emailTaken(`${prefix}.email`, input.email ?? '');
  if (isUniqueViolation(error, 'members_member_number_key')) return MemberError.memberNumberTaken(`${prefix}.memberNumber`, input.memberNumber ?? '');
  if (isUniqueViolation(error, 'organizations_corporate_number_key')) return MemberError.corporateNumberTaken(`${prefix}.corporateNumber`, input.corporateNumber ?? '');
  if (pgCode(error) === PgCode.foreignKeyViolation && pgConstraint(error) === 'members_branch_id_fkey') return MemberError.unknownBranch(`${prefix}.branchId`, input.branchId ?? '');
  return error;
}

/** Registering individual and organizational members (branch writers, in their branches). */
@Injectable()
export class MemberRegistration {
  constructor(
    private readonly tx: TransactionService,
    private readonly members: MemberRepository,
    private readonly contacts: OrganizationContactRepository,
    private readonly numbering: MemberNumbering,
    private readonly branches: BranchDirectory,
    private readonly signIns: MemberSignIns,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The member signs in with their e-mail address: their account is opened with the record. */
  async createPerson(actor: Actor, input: NewPersonMember): Promise<Member> {
    return this.create(actor, MemberKind.PERSON, input, async (id, number) => {
      const rows = personRows(id, number, input, this.clock.today());
      await this.members.insertMany([rows.member], [rows.person], []);
      return { address: { memberId: id, email: rows.member.email!, displayName: rows.member.name!, memberNumber: number }, emailField: 'input.email' };
    });
  }

  /** An organization signs in with its primary contact's address: its account is opened with the record when it has contacts. */
  async createOrganization(actor: Actor, input: NewOrganizationMember): Promise<Member> {
    return this.create(actor, MemberKind.ORGANIZATION, input, async (id, number) => {
      if (input.corporateNumber && (await this.members.corporateNumberInUse(input.corporateNumber))) {
        throw MemberError.corporateNumberTaken('input.corporateNumber', input.corporateNumber);
      }
      const rows = organizationRows(id, number, input, this.clock.today(), this.clock.now());
      await this.members.insertMany([rows.member], [], [rows.organization]);
      await this.contacts.insertMany(rows.contacts);
      const primary = rows.contacts.findIndex((c) => c.isPrimary);
      if (primary < 0) return null;
      const contact = rows.contacts[primary];
      return { address: { memberId: id, email: contact.email!, displayName: contact.name!, memberNumber: number }, emailField: `input.contacts.${primary}.email` };
    });
  }

  private async create(
    actor: Actor,
    kind: MemberKind,
    input: (NewPersonMember | NewOrganizationMember) & { corporateNumber?: string | null },
    insert: (id: string, memberNumber: string) => Promise<{ address: SignInAddress; emailField: string } | null>,
  ): Promise<Member> {
    try {
      return await this.tx.run(async () => {
        if (!(await this.branches.find(input.branchId))) throw MemberError.unknownBranch('input.branchId', input.branchId);
        requireBranch(actor, input.branchId, BRANCH_WRITERS);
        if (input.email && (await this.members.emailsInUse([input.email])).size > 0) throw MemberError.emailTaken('input.email', input.email);
        let number: string;
        if (input.memberNumber) {
          if ((await this.members.byMemberNumbers([input.memberNumber])).size > 0) throw MemberError.memberNumberTaken('input.memberNumber', input.memberNumber);
          await this.numbering.reserve(kind, [input.memberNumber]);
          number = input.memberNumber;
        } else {
          [number] = await this.numbering.take(kind);
        }
        const id = randomUUID();
        const signIn = await insert(id, number);
        const member = (await this.members.findById(id))!;
        if (signIn) await this.signIns.open(actor, signIn.address, signIn.emailField);
        await this.audit.record(actor, { action: 'member.create', entityType: 'Member', entityId: id, branchId: member.branchId, after: memberSnapshot(member) });
        return member;
      });
    } catch (error) {
      throw memberConstraintError(error, input);
    }
  }
}
