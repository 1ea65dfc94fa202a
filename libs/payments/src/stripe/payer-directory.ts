import { Injectable } from '@nestjs/common';
import { MemberDirectory } from '#members';

/** Who a member is, as someone paying or giving: the name, kana and address a receipt needs. */
export interface PayerDetails {
  memberId: string;
  memberNumber: string;
  name: string;
  nameKana: string;
  email: string | null;
  postalCode: string | null;
  address: string | null;
  branchId: string;
}

/**
 * Member details for the libraries that take money above payments (donations), which the map
 * keeps away from members: read in the caller's transaction.
 */
@Injectable()
export class PayerDirectory {
  constructor(private readonly members: MemberDirectory) {}

  async get(memberId: string): Promise<PayerDetails> {
    const m = await this.members.get(memberId);
    return { memberId: m.id, memberNumber: m.memberNumber, name: m.name, nameKana: m.nameKana, email: m.email, postalCode: m.postalCode, address: m.address, branchId: m.branchId };
  }
}
