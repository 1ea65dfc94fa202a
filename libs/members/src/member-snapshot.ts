import type { Member } from './member.entity.js';
import type { OrganizationContact } from './organization-contact.entity.js';

/** What the audit log keeps of a member (no search keys, no timestamps). */
export function memberSnapshot(m: Member): Record<string, unknown> {
  return {
    kind: m.kind,
    memberNumber: m.memberNumber,
    branchId: m.branchId,
    status: m.status,
    joinedOn: m.joinedOn,
    name: m.name,
    nameKana: m.nameKana,
    email: m.email,
    phone: m.phone,
    postalCode: m.postalCode,
    address: m.address,
    ...(m.person && {
      familyName: m.person.familyName,
      givenName: m.person.givenName,
      familyNameKana: m.person.familyNameKana,
      givenNameKana: m.person.givenNameKana,
    }),
    ...(m.organization && {
      corporateNumber: m.organization.corporateNumber,
      representativeName: m.organization.representativeName,
      representativeTitle: m.organization.representativeTitle,
      sizeTier: m.organization.sizeTier,
    }),
  };
}

export function contactSnapshot(c: OrganizationContact): Record<string, unknown> {
  return { name: c.name, nameKana: c.nameKana, title: c.title, email: c.email, phone: c.phone, isPrimary: c.isPrimary, isBilling: c.isBilling };
}
