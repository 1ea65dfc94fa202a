import { Injectable } from '@nestjs/common';
import { AppError, type Page } from '#core';
import { Role, type Actor } from '#auth';
import { RECEIPT_READERS } from './receipt-access.js';
import type { Receipt } from './receipt.entity.js';
import { ReceiptRepository, type ReceiptFilter } from './receipt.repository.js';

/** Lists receipts within what the caller may see: staff their branches (all for federation-wide roles), members their own. */
@Injectable()
export class ReceiptQueries {
  constructor(private readonly receipts: ReceiptRepository) {}

  page(actor: Actor, filter: Omit<ReceiptFilter, 'branchScope'>, args: { first: number; after?: string | null }): Promise<Page<Receipt>> {
    if (actor.has(...RECEIPT_READERS)) {
      const scope = actor.branchScope(RECEIPT_READERS);
      if (filter.branchId && scope !== 'ALL' && !scope.includes(filter.branchId)) throw AppError.forbidden();
      return this.receipts.page({ ...filter, branchScope: scope }, args);
    }
    if (!actor.has(Role.MEMBER) || !actor.memberId) throw AppError.forbidden();
    if (filter.memberId && filter.memberId !== actor.memberId) throw AppError.forbidden();
    return this.receipts.page({ ...filter, memberId: actor.memberId, branchScope: 'ALL' }, args);
  }
}
