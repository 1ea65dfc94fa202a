import { Injectable } from '@nestjs/common';
import iconv from 'iconv-lite';
import { AppError, TransactionService, UTF8_BOM, csvHeader, csvRow, type CsvColumn } from '#core';
import type { Actor } from '#auth';
import { BookService } from '#ledger';
import { canRead } from '../receipt-access.js';
import { ReceiptsError } from '../receipts.errors.js';
import { DONATION_SOURCE, DONOR_YEAR_SOURCE } from './gift-receipt-drafts.js';

export type RegisterEncoding = 'UTF8_BOM' | 'SHIFT_JIS';

interface RegisterRow {
  donation_id: string;
  received_on: string;
  donor_name_kanji: string;
  donor_name_kana: string | null;
  donor_postal_code: string | null;
  donor_address: string | null;
  amount: string;
  refunded_amount: string;
  fund_name_ja: string;
  member: boolean;
  receipt_preference: string;
  receipt_number: string | null;
}

const COLUMNS: CsvColumn<RegisterRow>[] = [
  { ja: '受領日', en: 'Received on', value: (r) => r.received_on },
  { ja: '氏名', en: 'Name', value: (r) => r.donor_name_kanji },
  { ja: 'フリガナ', en: 'Kana', value: (r) => r.donor_name_kana },
  { ja: '郵便番号', en: 'Postal code', value: (r) => r.donor_postal_code },
  { ja: '住所', en: 'Address', value: (r) => r.donor_address },
  { ja: '金額', en: 'Amount', value: (r) => BigInt(r.amount) },
  { ja: '返金額', en: 'Refunded', value: (r) => BigInt(r.refunded_amount) },
  { ja: '基金', en: 'Fund', value: (r) => r.fund_name_ja },
  { ja: '会員', en: 'Member', value: (r) => (r.member ? '会員' : '') },
  { ja: '受領証明書', en: 'Receipt', value: (r) => (r.receipt_preference === 'NONE' ? '不要' : r.receipt_number) },
];

const CHUNK = 2_000;

/**
 * The donor register (寄附者名簿) of an issuing book for a fiscal year (April–March): name,
 * address, amount and date of every gift, with its refunds and the receipt that covers it, as CSV
 * for Excel (UTF-8 with BOM, or Shift_JIS). Kept five years by the issuer. Staff of the book's
 * branch (the federation's and the foundation's books: federation-wide roles only).
 */
@Injectable()
export class DonorRegister {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
  ) {}

  async csv(actor: Actor, bookId: string, fiscalYear: number, encoding: RegisterEncoding): Promise<{ filename: string; content: Buffer; rows: number }> {
    if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
      throw ReceiptsError.fiscalYearOutOfRange();
    }
    const book = await this.books.findById(bookId);
    if (!canRead(actor, { branchId: book.branchId, memberId: null })) throw AppError.forbidden();
    let text = csvHeader(COLUMNS);
    let rows = 0;
    let after: [string, string] = ['0001-01-01', '00000000-0000-0000-0000-000000000000'];
    for (;;) {
      const chunk = await this.chunk(bookId, fiscalYear, after);
      for (const row of chunk) text += csvRow(COLUMNS, row);
      rows += chunk.length;
      if (chunk.length < CHUNK) break;
      const last = chunk[chunk.length - 1];
      after = [last.received_on, last.donation_id];
    }
    const content = encoding === 'SHIFT_JIS' ? iconv.encode(text, 'cp932') : Buffer.from(UTF8_BOM + text, 'utf8');
    return { filename: `donor-register-${fiscalYear}-${book.id.slice(0, 8)}.csv`, content, rows };
  }

  /** Keyset on (received_on, donation_id) over receipt_gifts_book_received_idx; the covering receipt is the gift's own or its donor's annual one. */
  private chunk(bookId: string, fiscalYear: number, after: [string, string]): Promise<RegisterRow[]> {
    return this.tx.manager.query(
      `SELECT g.donation_id, to_char(g.received_on, 'YYYY-MM-DD') AS received_on, g.donor_name_kanji, g.donor_name_kana, g.donor_postal_code, g.donor_address,
              g.amount::text AS amount, g.refunded_amount::text AS refunded_amount, g.fund_name_ja, g.member_id IS NOT NULL AS member, g.receipt_preference,
              (SELECT r.number FROM receipts r
                WHERE r.status = 'ISSUED'
                  AND ((r.source_type = $5 AND r.source_id = g.donation_id::text)
                    OR (r.source_type = $6 AND r.source_id = g.book_id::text || '.' || g.donor_id::text || '.' || extract(year FROM g.received_on)::int::text))
                LIMIT 1) AS receipt_number
         FROM receipt_gifts g
        WHERE g.book_id = $1 AND g.received_on BETWEEN $2::date AND $3::date AND (g.received_on, g.donation_id) > ($4::date, $7::uuid)
        ORDER BY g.received_on, g.donation_id
        LIMIT ${CHUNK}`,
      [bookId, `${fiscalYear}-04-01`, `${fiscalYear + 1}-03-31`, after[0], DONATION_SOURCE, DONOR_YEAR_SOURCE, after[1]],
    );
  }
}
