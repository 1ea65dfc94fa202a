import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Fund } from './fund.repository.js';
import { FundRepository } from './fund.repository.js';
import type { MonthlyGiftCharge } from './monthly-gift.repository.js';
import { MonthlyGiftRepository } from './monthly-gift.repository.js';

/**
 * Batches the nested fields of one GraphQL request (a donation's fund, a monthly gift's months)
 * into one query each. A loader lives as long as the request's context object (WeakMap key).
 */
@Injectable()
export class DonationLoaders {
  private readonly funds = new WeakMap<object, DataLoader<string, Fund | null>>();
  private readonly charges = new WeakMap<object, DataLoader<string, MonthlyGiftCharge[]>>();

  constructor(
    private readonly fundRows: FundRepository,
    private readonly giftRows: MonthlyGiftRepository,
  ) {}

  fund(context: object): DataLoader<string, Fund | null> {
    let loader = this.funds.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const byId = new Map((await this.fundRows.findByIds(ids)).map((f) => [f.id, f]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.funds.set(context, loader);
    }
    return loader;
  }

  chargesOfGift(context: object): DataLoader<string, MonthlyGiftCharge[]> {
    let loader = this.charges.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await this.giftRows.chargesOfGifts(ids);
        return ids.map((id) => rows.filter((c) => c.monthlyGiftId === id));
      });
      this.charges.set(context, loader);
    }
    return loader;
  }
}
