import { Injectable } from '@nestjs/common';
import { BookService } from '#ledger';
import type { Receipt } from '../receipt.entity.js';
import type { ReceiptDraft } from '../receipt-draft.js';
import { DONATION_SOURCE, DONOR_YEAR_SOURCE, annualDraft, giftDraft, parseAnnualSourceId, type IssuingOffice } from './gift-receipt-drafts.js';
import { ReceiptGiftRepository } from './receipt-gift.repository.js';

/** What a donation or annual receipt would print now, from receipts' own record of the gifts. */
@Injectable()
export class GiftReceiptSources {
  constructor(
    private readonly gifts: ReceiptGiftRepository,
    private readonly books: BookService,
  ) {}

  /** The office (the book's name) and the branch whose staff see the receipt (none for the federation's and the foundation's books). */
  async office(bookId: string): Promise<IssuingOffice> {
    const book = await this.books.findById(bookId);
    return { nameJa: book.nameJa, branchId: book.branchId };
  }

  /** The draft replacing `old`: the gift's remaining amount, or the donor's remaining gifts of the year. */
  async currentDraft(old: Receipt): Promise<ReceiptDraft | null> {
    if (old.sourceType === DONATION_SOURCE) {
      const gift = await this.gifts.findById(old.sourceId);
      return gift ? giftDraft(gift, await this.office(gift.bookId), old) : null;
    }
    if (old.sourceType === DONOR_YEAR_SOURCE) {
      const { bookId, donorId, year } = parseAnnualSourceId(old.sourceId);
      return annualDraft(await this.gifts.annualGifts(bookId, donorId, year), year, await this.office(bookId), old);
    }
    return null;
  }
}
