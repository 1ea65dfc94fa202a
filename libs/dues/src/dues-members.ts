import { Injectable } from '@nestjs/common';
import { MemberDirectory, type MemberKind, type MemberSummary } from '#members';
import type { OrganizationSizeTier } from './dues-enums.js';

/** What dues needs to know of a member (from the members library's MemberDirectory). */
export interface DuesMember {
  id: string;
  /** PERSON or ORGANIZATION: a plan is for one kind (DuesPlan.memberKind). */
  kind: MemberKind;
  /** The home branch: memberships and invoices belong to it. */
  branchId: string;
  /** An organization's size tier (tiered plans are for that tier only); null for a person. */
  sizeTier: OrganizationSizeTier | null;
  memberNumber: string;
  name: string;
}

function toDuesMember(m: MemberSummary): DuesMember {
  return {
    id: m.id,
    kind: m.kind,
    branchId: m.branchId,
    sizeTier: m.sizeTier,
    memberNumber: m.memberNumber,
    name: m.name,
  };
}

/** The members library seen from dues (one query per call, in the caller's transaction). */
@Injectable()
export class DuesMembers {
  constructor(private readonly directory: MemberDirectory) {}

  async find(memberId: string): Promise<DuesMember | null> {
    const member = await this.directory.find(memberId);
    return member ? toDuesMember(member) : null;
  }

  async findMany(memberIds: readonly string[]): Promise<Map<string, DuesMember>> {
    if (memberIds.length === 0) return new Map();
    const members = await this.directory.getMany(memberIds);
    return new Map([...members].map(([id, m]) => [id, toDuesMember(m)]));
  }
}
