import type { AuditRecord } from '#audit';
import type { Member } from './member.entity.js';
import { MemberStatus } from './member.entity.js';
import { MemberKind } from './member-number.js';
import { organizationNameColumns, personNameColumns, type PersonNameParts } from './member-names.js';
import type { Organization, OrganizationSizeTier } from './organization.entity.js';
import type { OrganizationContact } from './organization-contact.entity.js';
import type { Person } from './person.entity.js';

/** Contact details every member has (all normalized by the input validators). */
export interface ContactDetails {
  email?: string | null;
  phone?: string | null;
  postalCode?: string | null;
  address?: string | null;
}

interface MembershipFields extends ContactDetails {
  /** A legacy member number to keep; assigned from the counter when absent. */
  memberNumber?: string | null;
  branchId: string;
  /** YYYY-MM-DD; today (Asia/Tokyo) when absent. */
  joinedOn?: string | null;
  status?: MemberStatus | null;
}

export interface NewPersonMember extends MembershipFields, PersonNameParts {
  email: string;
}

export interface NewContact {
  name: string;
  nameKana: string;
  title?: string | null;
  email: string;
  phone?: string | null;
  isPrimary?: boolean | null;
  isBilling?: boolean | null;
}

export interface NewOrganizationMember extends MembershipFields {
  name: string;
  nameKana: string;
  corporateNumber?: string | null;
  representativeName: string;
  representativeTitle?: string | null;
  sizeTier: OrganizationSizeTier;
  contacts?: NewContact[] | null;
}

function common(id: string, memberNumber: string, input: MembershipFields, today: string) {
  return {
    id,
    memberNumber,
    branchId: input.branchId,
    status: input.status ?? MemberStatus.ACTIVE,
    joinedOn: input.joinedOn ?? today,
    email: input.email ?? null,
    phone: input.phone ?? null,
    postalCode: input.postalCode ?? null,
    address: input.address ?? null,
  };
}

/** The rows of a new individual member. Pure: ids and numbers are the caller's. */
export function personRows(id: string, memberNumber: string, input: NewPersonMember, today: string): { member: Partial<Member>; person: Partial<Person> } {
  return {
    member: { ...common(id, memberNumber, input, today), kind: MemberKind.PERSON, ...personNameColumns(input) },
    person: {
      memberId: id,
      familyName: input.familyName,
      givenName: input.givenName,
      familyNameKana: input.familyNameKana,
      givenNameKana: input.givenNameKana,
    },
  };
}

/**
 * The rows of a new organizational member; the first contact is primary and billing unless
 * others say so. Contacts get creation times 1 ms apart from `now`, keeping the input's order.
 */
export function organizationRows(
  id: string,
  memberNumber: string,
  input: NewOrganizationMember,
  today: string,
  now: Date,
): { member: Partial<Member>; organization: Partial<Organization>; contacts: Partial<OrganizationContact>[] } {
  const contacts = input.contacts ?? [];
  const primary = Math.max(0, contacts.findIndex((c) => c.isPrimary));
  const billing = contacts.some((c) => c.isBilling) ? contacts.findIndex((c) => c.isBilling) : primary;
  return {
    member: { ...common(id, memberNumber, input, today), kind: MemberKind.ORGANIZATION, ...organizationNameColumns(input.name, input.nameKana) },
    organization: {
      memberId: id,
      corporateNumber: input.corporateNumber ?? null,
      representativeName: input.representativeName,
      representativeTitle: input.representativeTitle ?? null,
      sizeTier: input.sizeTier,
    },
    contacts: contacts.map((c, i) => ({
      memberId: id,
      name: c.name,
      nameKana: c.nameKana,
      title: c.title ?? null,
      email: c.email,
      phone: c.phone ?? null,
      isPrimary: i === primary,
      isBilling: i === billing,
      createdAt: new Date(now.getTime() + i),
    })),
  };
}

/** The audit event of a member created in bulk (import, seed): who they are, not every column. */
export function importedMemberEvent(action: string, m: Partial<Member>): AuditRecord {
  return {
    action,
    entityType: 'Member',
    entityId: m.id!,
    branchId: m.branchId,
    after: { memberNumber: m.memberNumber, name: m.name, nameKana: m.nameKana, email: m.email, branchId: m.branchId },
  };
}
