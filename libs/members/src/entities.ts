import { MemberNumberCounter } from './member-number-counter.entity.js';
import { Member } from './member.entity.js';
import { OrganizationContact } from './organization-contact.entity.js';
import { Organization } from './organization.entity.js';
import { Person } from './person.entity.js';

export const membersEntities = [MemberNumberCounter, Member, Person, Organization, OrganizationContact];
