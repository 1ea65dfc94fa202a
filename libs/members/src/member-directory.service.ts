import { Injectable } from '@nestjs/common';
import { BRANCH_STAFF, type Actor, type Role } from '#auth';
import type { MemberKind } from './member-number.js';
import type { Member, MemberStatus } from './member.entity.js';
import type { OrganizationSizeTier } from './organization.entity.js';
import { MemberRepository } from './member.repository.js';
import { MemberError } from './members.errors.js';

/** What other libraries (dues, payments, receipts, donations) need to know of a member. */
export interface MemberSummary {
  id: string;
  kind: MemberKind;
  memberNumber: string;
  /** 山田 太郎 / organization name. */
  name: string;
  nameKana: string;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  address: string | null;
  branchId: string;
  status: MemberStatus;
  joinedOn: string;
  /** An organization's size tier (dues plans are by tier); null for an individual. */
  sizeTier: OrganizationSizeTier | null;
}

export function memberSummary(m: Member): MemberSummary {
  return {
    id: m.id,
    kind: m.kind,
    memberNumber: m.memberNumber,
    name: m.name,
    nameKana: m.nameKana,
    email: m.email,
    phone: m.phone,
    postalCode: m.postalCode,
    address: m.address,
    branchId: m.branchId,
    status: m.status,
    joinedOn: m.joinedOn,
    sizeTier: m.organization?.sizeTier ?? null,
  };
}

/**
 * Read access to members for other libraries, in the caller's transaction. Batch methods
 * run one query whatever the number of ids.
 */
@Injectable()
export class MemberDirectory {
  constructor(private readonly members: MemberRepository) {}

  /** The member, or NOT_FOUND. */
  async get(memberId: string): Promise<MemberSummary> {
    const m = await this.members.findById(memberId);
    if (!m) throw MemberError.notFound(memberId);
    return memberSummary(m);
  }

  async find(memberId: string): Promise<MemberSummary | null> {
    const m = await this.members.findById(memberId);
    return m ? memberSummary(m) : null;
  }

  /** The members among `memberIds` that exist, by id (one query). */
  async getMany(memberIds: readonly string[]): Promise<Map<string, MemberSummary>> {
    const rows = await this.members.findByIds([...new Set(memberIds)]);
    return new Map(rows.map((m) => [m.id, memberSummary(m)]));
  }

  /** The members holding these member numbers (P0000001), by number; unknown numbers are absent (one query). */
  async byNumbers(numbers: readonly string[]): Promise<Map<string, MemberSummary>> {
    const rows = await this.members.byMemberNumbers([...new Set(numbers)]);
    return new Map([...rows].map(([number, m]) => [number, memberSummary(m)]));
  }

  /** member id → home branch id, for the ids that exist (one query). */
  branchOf(memberIds: readonly string[]): Promise<Map<string, string>> {
    return this.members.branchOf(memberIds);
  }

  /**
   * Throws NOT_FOUND for an unknown id and FORBIDDEN unless the actor may act on every
   * member's branch with one of `roles` (default: branch staff) or is that member. One query.
   */
  async requireInScope(actor: Actor, memberIds: readonly string[], roles: readonly Role[] = BRANCH_STAFF): Promise<void> {
    const branches = await this.branchOf(memberIds);
    for (const id of memberIds) {
      const branchId = branches.get(id);
      if (!branchId) throw MemberError.notFound(id);
      if (actor.memberId !== id && !actor.canActOnBranch(branchId, roles)) throw MemberError.notInScope();
    }
  }
}
