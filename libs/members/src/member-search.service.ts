import { Injectable } from '@nestjs/common';
import { type Page } from '#core';
import { BRANCH_STAFF, requireBranch, type Actor } from '#auth';
import { MemberKind, normalizeMemberNumber } from './member-number.js';
import { requireReadMember } from './member-access.js';
import { MemberError } from './members.errors.js';
import type { MemberListFields } from './member-list-rows.js';
import type { Member, MemberStatus } from './member.entity.js';
import { MemberRepository, MemberSort, type MemberCriteria } from './member.repository.js';
import { normalizeEmail } from './validation/email.js';
import { searchKey } from './validation/search-key.js';

/** What a person types into the member search; each text is normalized here. */
export interface MemberFilter {
  /** Member number or its beginning (P00001 → P0000100…P0000199); full-width and lower case accepted. */
  memberNumber?: string | null;
  /**
   * Beginning of the family name, the full name (spaces ignored), the given name, or an
   * organization's name with or without its legal form; kanji or katakana, full- or
   * half-width, hiragana read as katakana.
   */
  name?: string | null;
  /** E-mail address or its beginning, case-insensitive. */
  email?: string | null;
  branchId?: string | null;
  status?: MemberStatus | null;
  kind?: MemberKind | null;
}

export interface MemberListOptions {
  sort?: MemberSort | null;
  direction?: 'ASC' | 'DESC' | null;
  first: number;
  after?: string | null;
  /** The Member properties the caller shows (e.g. a GraphQL selection); undefined: the whole member. */
  fields?: MemberListFields;
}

/**
 * The member list staff see: only their branches' members (federation admins and auditors:
 * all), filtered, sorted, keyset-paginated. Never an OFFSET; every filter and sort has an index.
 */
@Injectable()
export class MemberSearch {
  constructor(private readonly members: MemberRepository) {}

  async search(actor: Actor, filter: MemberFilter, options: MemberListOptions): Promise<Page<Member>> {
    const scope = actor.branchScope(BRANCH_STAFF);
    let branchIds: string[] | undefined = scope === 'ALL' ? undefined : scope;
    if (filter.branchId) {
      requireBranch(actor, filter.branchId, BRANCH_STAFF);
      branchIds = [filter.branchId];
    }
    if (branchIds && branchIds.length === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const page = { first: options.first, after: options.after ?? undefined };
    return this.members.search(this.criteria(filter, branchIds), options.sort ?? MemberSort.MEMBER_NUMBER, options.direction ?? 'ASC', page, options.fields);
  }

  /** One member, if the actor may see it: themselves, or staff of its branch. */
  async get(actor: Actor, id: string): Promise<Member> {
    const member = await this.members.findById(id);
    if (!member) throw MemberError.notFound(id);
    requireReadMember(actor, member);
    return member;
  }

  /** The signed-in member's own record. */
  async own(actor: Actor): Promise<Member> {
    const member = actor.memberId ? await this.members.findById(actor.memberId) : null;
    if (!member) throw MemberError.noMemberRecord();
    return member;
  }

  private criteria(filter: MemberFilter, branchIds: string[] | undefined): MemberCriteria {
    const criteria: MemberCriteria = { branchIds, status: filter.status ?? undefined, kind: filter.kind ?? undefined };
    if (filter.name != null) {
      criteria.nameKey = searchKey(filter.name);
      if (!criteria.nameKey) throw MemberError.emptyNameQuery();
    }
    if (filter.memberNumber) criteria.memberNumberPrefix = normalizeMemberNumber(filter.memberNumber);
    if (filter.email) criteria.emailPrefix = normalizeEmail(filter.email);
    return criteria;
  }
}
