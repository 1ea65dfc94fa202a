import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { SYSTEM_ACTOR } from '#auth';
import { DonationDisputes } from './donation-disputes.service.js';
import { DonationChannel, DonationMethod, DonationStatus, FundBookKind, MonthlyGiftStatus, ReceiptPreference } from './donation-enums.js';
import { DonationRecording } from './donation-recording.service.js';
import { DonationRepository } from './donation.repository.js';
import { DonationService } from './donations.service.js';
import { DonorRepository } from './donor.repository.js';
import type { Fund } from './fund.repository.js';
import { FundService } from './funds.service.js';
import { MonthlyGiftRepository } from './monthly-gift.repository.js';
import { addDays, chargeDayOf, nextChargeOn, periodOf } from './monthly-schedule.js';
import { OnlineDonations } from './online-donations.service.js';

export interface DonationsDemoResult {
  funds: number;
  donations: number;
  monthlyGifts: number;
}

/** Stripe Japan's card fee in the demo: 3.6 %. */
const demoFee = (amount: bigint) => (amount * 36n + 500n) / 1000n;

/**
 * The demo federation's funds and gifts, through the library's own services: funds of the
 * federation (子ども食堂支援, フードパントリー, 一般寄附) and of a branch, cash and transfers a
 * treasurer recorded, card gifts booked as Stripe's would be (net in Stripe clearing, the fee an
 * expense — no Stripe call: the demo seeds in one transaction, offline), and a member's monthly
 * gift with its first month paid (without a saved card: shown, never charged). The last card gift is
 * disputed by the donor's bank (an open dispute: DISPUTED, the amount in Stripe disputes 1350).
 */
@Injectable()
export class DonationsDemo {
  constructor(
    private readonly tx: TransactionService,
    private readonly funds: FundService,
    private readonly donations: DonationService,
    private readonly online: OnlineDonations,
    private readonly recording: DonationRecording,
    private readonly rows: DonationRepository,
    private readonly donors: DonorRepository,
    private readonly gifts: MonthlyGiftRepository,
    private readonly disputes: DonationDisputes,
    private readonly clock: Clock,
  ) {}

  async seed(options: { branchId: string; memberIds: string[] }): Promise<DonationsDemoResult> {
    const today = this.clock.today();
    const fund = (code: string, nameJa: string, nameEn: string, restricted: boolean, book = FundBookKind.FEDERATION, branchId: string | null = null) =>
      this.funds.create(SYSTEM_ACTOR, { code, nameJa, nameEn, restricted, book, branchId });
    const kodomo = await fund('KODOMO-SHOKUDO', '子ども食堂支援', 'Children’s cafeteria support', true);
    const pantry = await fund('FOOD-PANTRY', 'フードパントリー', 'Food pantry', true);
    const general = await fund('GENERAL', '一般寄附', 'General support', false);
    const relief = await fund('TKY-RELIEF', '東京支部 災害支援', 'Tokyo branch disaster relief', true, FundBookKind.BRANCH, options.branchId);
    let count = 0;

    const recorded = [
      { fund: kodomo, amount: 30_000n, method: DonationMethod.BANK_TRANSFER, donor: { nameKanji: '株式会社みどり食品', nameKana: 'カブシキガイシャミドリショクヒン', postalCode: '160-0022', address: '東京都新宿区新宿1-2-3' } },
      { fund: pantry, amount: 5_000n, method: DonationMethod.CASH, donor: { nameKanji: '田中 花子', nameKana: 'タナカ ハナコ', postalCode: '150-0001', address: '東京都渋谷区神宮前4-5-6' } },
      { fund: relief, amount: 10_000n, method: DonationMethod.CASH, donor: { nameKanji: '匿名希望', nameKana: null, postalCode: null, address: null }, anonymous: true },
    ];
    for (const [i, r] of recorded.entries()) {
      await this.donations.record(SYSTEM_ACTOR, {
        fundId: r.fund.id, amount: r.amount, method: r.method as DonationMethod.CASH, receivedOn: addDays(today, -(i + 1)), donor: r.donor, anonymous: r.anonymous ?? false,
        receiptPreference: ReceiptPreference.PER_GIFT, language: 'ja', idempotencyKey: `demo-donation:recorded:${i}`, branchId: r.fund.branchId ?? options.branchId,
      });
      count++;
    }

    // Card gifts of members, booked as Stripe's webhook books them.
    const card: [Fund, bigint][] = [[kodomo, 10_000n], [pantry, 3_000n], [general, 5_000n], [kodomo, 2_000n]];
    for (const [i, memberId] of options.memberIds.slice(0, card.length).entries()) {
      const [f, amount] = card[i];
      const id = await this.cardGift(memberId, f, amount, addDays(today, -i), options.branchId, i % 2 === 0);
      // The last card gift's bank disputes it: DISPUTED, the amount held in Stripe disputes (1350) until it closes.
      if (i === card.length - 1) await this.disputes.book(id, { id: `du_demo_${id.replace(/-/g, '')}`, amount: Number(amount), reason: 'fraudulent', status: 'needs_response' });
      count++;
    }

    let monthly = 0;
    const giver = options.memberIds[card.length] ?? options.memberIds[0];
    if (giver) {
      const donor = await this.online.memberDonor(giver, 'ja');
      const gift = await this.gifts.insert({ donorId: donor.id, memberId: giver, fundId: kodomo.id, branchId: options.branchId, amount: 3_000n, anonymous: false, receiptPreference: ReceiptPreference.ANNUAL, dayOfMonth: chargeDayOf(today), customerId: null, language: 'ja' });
      await this.gifts.update(gift.id, { status: MonthlyGiftStatus.ACTIVE, next_charge_on: nextChargeOn(today, chargeDayOf(today)) });
      const charge = await this.gifts.insertCharge({ monthlyGiftId: gift.id, period: periodOf(today), attempts: 1, amount: 3_000n, status: 'CHARGING', firstAttemptOn: today });
      const d = await this.cardGift(giver, kodomo, 3_000n, today, options.branchId, false, gift.id);
      await this.gifts.updateCharge(charge.id, { status: 'SUCCEEDED', donation_id: d });
      monthly++;
      count++;
    }
    return { funds: 4, donations: count, monthlyGifts: monthly };
  }

  private async cardGift(memberId: string, fund: Fund, amount: bigint, on: string, branchId: string, anonymous: boolean, monthlyGiftId: string | null = null): Promise<string> {
    return this.tx.run(async () => {
      const donor = await this.online.memberDonor(memberId, 'ja');
      const row = (await this.rows.insertIfAbsent({
        donorId: donor.id, memberId, fundId: fund.id, branchId, bookId: fund.bookId, amount, channel: monthlyGiftId ? DonationChannel.MONTHLY : DonationChannel.ONLINE,
        status: DonationStatus.PENDING, anonymous, receiptPreference: monthlyGiftId ? ReceiptPreference.ANNUAL : ReceiptPreference.PER_GIFT, language: 'ja', monthlyGiftId,
        reference: 'demo card payment', idempotencyKey: `demo-donation:card:${memberId}:${fund.code}:${on}`,
      }))!;
      await this.recording.succeed(row, { method: DonationMethod.CARD, fee: demoFee(amount), receivedOn: on });
      return row.id;
    });
  }
}
