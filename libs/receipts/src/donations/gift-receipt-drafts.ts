import { ReceiptKind } from '../receipt-kind.js';
import type { Receipt, ReceiptLine } from '../receipt.entity.js';
import type { ReceiptDraft } from '../receipt-draft.js';
import type { ReceiptGift } from './receipt-gift.entity.js';

export const DONATION_SOURCE = 'DONATION';
export const DONOR_YEAR_SOURCE = 'DONOR_YEAR';

/** What an annual receipt is for: one donor's gifts to one issuing book in one calendar year. */
export function annualSourceId(bookId: string, donorId: string, year: number): string {
  return `${bookId}.${donorId}.${year}`;
}

export function parseAnnualSourceId(sourceId: string): { bookId: string; donorId: string; year: number } {
  const [bookId, donorId, year] = sourceId.split('.');
  return { bookId, donorId, year: Number(year) };
}

export interface IssuingOffice {
  nameJa: string;
  branchId: string | null;
}

const remaining = (g: ReceiptGift) => g.amount - g.refundedAmount;
const lineOf = (g: ReceiptGift): ReceiptLine => ({ donationId: g.donationId, receivedOn: g.receivedOn, amount: remaining(g).toString(), fundNameJa: g.fundNameJa, fundNameEn: g.fundNameEn });

/** The 寄附金受領証明書 of one gift, for what is not refunded of it; null when nothing remains. Everything printed comes from this gift. */
export function giftDraft(g: ReceiptGift, office: IssuingOffice, replaces: Receipt | null): ReceiptDraft | null {
  if (remaining(g) <= 0n) return null;
  return {
    bookId: g.bookId,
    kind: ReceiptKind.DONATION,
    sourceType: DONATION_SOURCE,
    sourceId: g.donationId,
    memberId: g.memberId,
    branchId: office.branchId,
    recipientName: g.donorNameKanji,
    recipientPostalCode: g.donorPostalCode,
    recipientAddress: g.donorAddress,
    recipientEmail: g.donorEmail,
    recipientIsMember: g.memberId !== null,
    locale: g.language,
    amount: remaining(g),
    currency: 'JPY',
    purpose: `寄附金 (${g.fundNameJa})`,
    office: office.nameJa,
    receivedOn: g.receivedOn,
    lines: [lineOf(g)],
    replacesId: replaces?.id ?? null,
    replacesNumber: replaces?.number ?? null,
  };
}

/**
 * The annual 寄附金受領証明書 of a donor's gifts in a calendar year (January–December), listing each
 * gift with what is not refunded of it; null when nothing remains. The recipient is as given with
 * the latest gift (the donor's newest name and address); nothing comes from an earlier receipt.
 */
export function annualDraft(gifts: ReceiptGift[], year: number, office: IssuingOffice, replaces: Receipt | null): ReceiptDraft | null {
  const kept = gifts.filter((g) => remaining(g) > 0n && g.receivedOn.startsWith(`${year}-`));
  if (kept.length === 0) return null;
  const latest = kept[kept.length - 1];
  const lines: ReceiptLine[] = kept.map(lineOf);
  const memberId = [...kept].reverse().find((g) => g.memberId)?.memberId ?? null;
  return {
    bookId: latest.bookId,
    kind: ReceiptKind.ANNUAL_DONATION,
    sourceType: DONOR_YEAR_SOURCE,
    sourceId: annualSourceId(latest.bookId, latest.donorId, year),
    memberId,
    branchId: office.branchId,
    recipientName: latest.donorNameKanji,
    recipientPostalCode: latest.donorPostalCode,
    recipientAddress: latest.donorAddress,
    recipientEmail: [...kept].reverse().find((g) => g.donorEmail)?.donorEmail ?? null,
    recipientIsMember: memberId !== null,
    locale: latest.language,
    amount: kept.reduce((sum, g) => sum + remaining(g), 0n),
    currency: 'JPY',
    purpose: annualPurpose(year, kept.length),
    office: office.nameJa,
    receivedOn: latest.receivedOn,
    lines,
    replacesId: replaces?.id ?? null,
    replacesNumber: replaces?.number ?? null,
  };
}

/** `2025年分の寄附金 (1月1日〜12月31日, 12件)`: also written by the annual run's SQL. */
export function annualPurpose(year: number, gifts: number): string {
  return `${year}年分の寄附金 (1月1日〜12月31日, ${gifts}件)`;
}
