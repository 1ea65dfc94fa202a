import { describe, expect, it } from '@jest/globals';
import { ReceiptKind } from '../receipt-kind.js';
import type { Receipt } from '../receipt.entity.js';
import { annualDraft, annualPurpose, annualSourceId, giftDraft, parseAnnualSourceId } from './gift-receipt-drafts.js';
import type { ReceiptGift } from './receipt-gift.entity.js';

const office = { nameJa: '東京支部', branchId: 'branch-1' };
const gift = (over: Partial<ReceiptGift> = {}): ReceiptGift =>
  Object.assign(
    {
      donationId: 'd-1',
      donorId: 'donor-1',
      memberId: null,
      bookId: 'book-1',
      fundId: 'fund-1',
      fundNameJa: '災害支援基金',
      fundNameEn: 'Disaster relief fund',
      restricted: true,
      amount: 3000n,
      refundedAmount: 0n,
      receivedOn: '2025-01-20',
      receiptPreference: 'ANNUAL',
      monthlyGiftId: 'monthly-1',
      donorNameKanji: '寄附 花子',
      donorNameKana: 'キフ ハナコ',
      donorEmail: 'hanako@example.jp',
      donorPostalCode: '5300001',
      donorAddress: '大阪府大阪市北区梅田1-1-1',
      language: 'ja',
      createdAt: new Date('2025-01-20T00:00:00Z'),
    },
    over,
  ) as ReceiptGift;

describe('donation receipt drafts (what a receipt prints comes from the gifts it covers)', () => {
  it('one gift: its remaining amount, its donor as given with it, its fund; nothing when it is all refunded', () => {
    const draft = giftDraft(gift({ receiptPreference: 'PER_GIFT', amount: 10_000n, refundedAmount: 4_000n, memberId: 'm-1', language: 'en' }), office, null)!;
    expect(draft).toMatchObject({ kind: ReceiptKind.DONATION, sourceType: 'DONATION', sourceId: 'd-1', amount: 6_000n, recipientName: '寄附 花子', recipientIsMember: true, locale: 'en', purpose: '寄附金 (災害支援基金)', branchId: 'branch-1', replacesId: null });
    expect(draft.lines).toEqual([{ donationId: 'd-1', receivedOn: '2025-01-20', amount: '6000', fundNameJa: '災害支援基金', fundNameEn: 'Disaster relief fund' }]);
    expect(giftDraft(gift({ refundedAmount: 3000n }), office, null)).toBeNull();
  });

  it('a reissue points at the receipt it replaces', () => {
    const old = { id: 'r-1', number: 'D2026-000001' } as Receipt;
    expect(giftDraft(gift(), office, old)).toMatchObject({ replacesId: 'r-1', replacesNumber: 'D2026-000001' });
  });

  it('annual: only the gifts of the calendar year, net of refunds, the recipient as given with the latest gift, never an earlier year’s', () => {
    const gifts = [
      gift({ donationId: 'a', receivedOn: '2024-12-20', amount: 9_999n }),
      gift({ donationId: 'b', receivedOn: '2025-01-20' }),
      gift({ donationId: 'c', receivedOn: '2025-06-20', refundedAmount: 3000n }),
      gift({ donationId: 'd', receivedOn: '2025-12-20', refundedAmount: 1000n, donorAddress: '東京都新宿区西新宿2-8-1', donorPostalCode: '1600023', memberId: 'm-9', donorEmail: null }),
      gift({ donationId: 'e', receivedOn: '2026-01-20', amount: 7_777n }),
    ];
    const draft = annualDraft(gifts, 2025, office, null)!;
    expect(draft).toMatchObject({
      kind: ReceiptKind.ANNUAL_DONATION,
      sourceType: 'DONOR_YEAR',
      sourceId: annualSourceId('book-1', 'donor-1', 2025),
      amount: 5_000n,
      recipientAddress: '東京都新宿区西新宿2-8-1',
      recipientPostalCode: '1600023',
      recipientEmail: 'hanako@example.jp',
      memberId: 'm-9',
      recipientIsMember: true,
      receivedOn: '2025-12-20',
      purpose: annualPurpose(2025, 2),
    });
    expect(draft.lines.map((l) => [l.donationId, l.amount])).toEqual([['b', '3000'], ['d', '2000']]);
    expect(annualDraft(gifts.slice(0, 1), 2025, office, null)).toBeNull();
  });

  it('the annual source id names the book, the donor and the year', () => {
    expect(parseAnnualSourceId(annualSourceId('book-1', 'donor-1', 2025))).toEqual({ bookId: 'book-1', donorId: 'donor-1', year: 2025 });
    expect(annualPurpose(2025, 12)).toBe('2025年分の寄附金 (1月1日〜12月31日, 12件)');
  });
});
