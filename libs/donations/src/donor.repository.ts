import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { DonationLanguage } from './donation-enums.js';
import { normalizeEmail } from './donation-postings.js';

export interface Donor {
  id: string;
  memberId: string | null;
  nameKanji: string;
  nameKana: string | null;
  email: string | null;
  postalCode: string | null;
  address: string | null;
  language: DonationLanguage;
}

export interface DonorDetails {
  nameKanji: string;
  nameKana: string | null;
  email: string | null;
  postalCode: string | null;
  address: string | null;
  language: DonationLanguage;
}

const COLUMNS = `id, member_id AS "memberId", name_kanji AS "nameKanji", name_kana AS "nameKana", email, postal_code AS "postalCode", address, language`;

/**
 * Donors: one row per member, one per guest e-mail (normalised). Found or made in one statement;
 * the latest details given are kept (a receipt shows the donor's current name and address).
 */
@Injectable()
export class DonorRepository {
  constructor(private readonly tx: TransactionService) {}

  async findById(id: string): Promise<Donor | null> {
    const [row] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM donors WHERE id = $1`, [id]);
    return row ?? null;
  }

  async forMember(memberId: string, d: DonorDetails): Promise<Donor> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO donors (member_id, email_normalized, name_kanji, name_kana, email, postal_code, address, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (member_id) WHERE member_id IS NOT NULL DO UPDATE SET
         name_kanji = EXCLUDED.name_kanji, name_kana = EXCLUDED.name_kana, email = EXCLUDED.email, email_normalized = EXCLUDED.email_normalized,
         postal_code = EXCLUDED.postal_code, address = EXCLUDED.address, updated_at = now()
       RETURNING ${COLUMNS}`,
      [memberId, d.email ? normalizeEmail(d.email) : null, d.nameKanji, d.nameKana, d.email, d.postalCode, d.address, d.language],
    );
    return row;
  }

  async forGuest(d: DonorDetails & { email: string }): Promise<Donor> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO donors (member_id, email_normalized, name_kanji, name_kana, email, postal_code, address, language)
       VALUES (NULL, $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (email_normalized) WHERE member_id IS NULL AND email_normalized IS NOT NULL DO UPDATE SET
         name_kanji = EXCLUDED.name_kanji, name_kana = EXCLUDED.name_kana, email = EXCLUDED.email,
         postal_code = EXCLUDED.postal_code, address = EXCLUDED.address, language = EXCLUDED.language, updated_at = now()
       RETURNING ${COLUMNS}`,
      [normalizeEmail(d.email), d.nameKanji, d.nameKana, d.email.trim(), d.postalCode, d.address, d.language],
    );
    return row;
  }

  /** A donor a treasurer records by name only (cash in an envelope): always a new row. */
  async named(d: DonorDetails): Promise<Donor> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO donors (name_kanji, name_kana, email, email_normalized, postal_code, address, language) VALUES ($1, $2, $3, NULL, $4, $5, $6) RETURNING ${COLUMNS}`,
      [d.nameKanji, d.nameKana, d.email, d.postalCode, d.address, d.language],
    );
    return row;
  }
}
