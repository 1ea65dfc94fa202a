import { Injectable } from '@nestjs/common';
import type { MemberType, OrganizationSizeTier } from './dues-enums.js';

/** What dues needs to know of a member (from the members library's MemberDirectory). */
export interface DuesMember {
  id: string;
  memberType: MemberType;
  /** The home branch: memberships and invoices belong to it. */
  branchId: string;
  sizeTier: OrganizationSizeTier | null;
  memberNumber: string;
  name: string;
}

/** The members library seen from dues. */
@Injectable()
export class DuesMembers {
  async find(_memberId: string): Promise<DuesMember | null> {
    throw new Error('DuesMembers: waiting for the members library (MemberDirectory)');
  }

  async findMany(_memberIds: readonly string[]): Promise<Map<string, DuesMember>> {
    throw new Error('DuesMembers: waiting for the members library (MemberDirectory)');
  }
}
