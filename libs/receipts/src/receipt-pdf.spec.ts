import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { IssuerConfig } from '#core';
import { ReceiptKind } from './receipt-kind.js';
import { JAPANESE_FONT_PATH, renderReceiptPdf, type ReceiptDocument } from './receipt-pdf.js';

/** The PDF's text as poppler's pdftotext reads it. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

const issuers = IssuerConfig.fromEnv({});
const dues: ReceiptDocument = {
  number: 'R2026-000001',
  kind: ReceiptKind.DUES,
  void: false,
  issuedOn: '2026-06-15',
  receivedOn: '2026-06-14',
  recipientName: '山田 太郎',
  recipientPostalCode: '1500001',
  recipientAddress: '東京都渋谷区神宮前1-2-3',
  amount: 3000n,
  currency: 'JPY',
  purpose: '2026年度 会費',
  issuer: issuers.federation,
  office: '東京支部',
  replacesNumber: null,
  stampBox: false,
};

describe('the receipt PDF', () => {
  it('a dues 領収書 reads back with its number, name, amount, issuer and the 不課税 note', async () => {
    const pdf = await renderReceiptPdf(dues);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('領収書');
    expect(text).toContain('R2026-000001');
    expect(text).toContain('山田 太郎 様');
    expect(text).toContain('金額 ￥3,000');
    expect(text).toContain('全国労働者協同組合連合会');
    expect(text).toContain('不課税');
    expect(text).toContain('〒150-0001 東京都渋谷区神宮前1-2-3');
    expect(text).not.toContain('無効');
    expect(text).not.toContain('収入印紙');
  });

  it('renders the same receipt to the same bytes, with the shared font as with the font read afresh', async () => {
    const [a, b] = [await renderReceiptPdf(dues), await renderReceiptPdf(dues)];
    expect(a.equals(b)).toBe(true);
    const afresh = await renderReceiptPdf(dues, readFileSync(JAPANESE_FONT_PATH));
    expect(afresh.equals(a)).toBe(true);
  });

  it('sharing layouts and glyph records between documents writes the same bytes as rendering each afresh (annual receipts with a second page too)', async () => {
    const gifts = Array.from({ length: 14 }, (_, i) => ({ receivedOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`, amount: BigInt(1000 * (i + 1)), fund: i % 2 ? '災害支援基金' : '研修奨学基金' }));
    const docs: ReceiptDocument[] = [
      dues,
      { ...dues, recipientName: '髙橋 﨑子', recipientAddress: '北海道札幌市中央区北一条西2丁目' },
      { ...dues, kind: ReceiptKind.ANNUAL_DONATION, number: 'A2025-000001', receivedOn: '2025-12-20', gifts: gifts.slice(0, 3), issuer: issuers.foundation },
      { ...dues, kind: ReceiptKind.ANNUAL_DONATION, number: 'A2025-000002', receivedOn: '2025-12-20', gifts, issuer: issuers.foundation, void: true },
    ];
    for (const doc of docs) expect((await renderReceiptPdf(doc)).equals(await renderReceiptPdf(doc, undefined, false))).toBe(true);
    const many = pdfText(await renderReceiptPdf(docs[3]));
    expect(many).toContain('寄附の明細は別紙のとおり (14件)');
    expect(many).toContain('寄附の明細 / Gifts — A2025-000002');
    expect(many).toMatch(/2025-02-11\s+￥2,000\s+災害支援基金/);
    expect(pdfText(await renderReceiptPdf(docs[2]))).toContain('対象期間 / Period: 2025-01-01〜2025-12-31');
    expect(pdfText(await renderReceiptPdf({ ...dues, recipientPostalCode: '150-0001' }))).toContain('〒150-0001 東京都渋谷区神宮前1-2-3');
  });

  it('embeds a subset of the Japanese font, not the 5 MB font', async () => {
    const pdf = await renderReceiptPdf(dues);
    expect(pdf.length).toBeLessThan(150_000);
  });

  it('a voided receipt keeps its number and shows 無効 / VOID; a reissue names the one it replaces', async () => {
    expect(pdfText(await renderReceiptPdf({ ...dues, void: true }))).toMatch(/無効 \/ VOID[\s\S]*R2026-000001|R2026-000001[\s\S]*無効 \/ VOID/);
    expect(pdfText(await renderReceiptPdf({ ...dues, number: 'R2026-000002', replacesNumber: 'R2026-000001' }))).toContain('旧番号 R2026-000001');
  });

  it('a donation receipt of a 公益法人 states its certificate and that the gift is for its public-benefit activity; a paper one may show the stamp box', async () => {
    const text = pdfText(
      await renderReceiptPdf({ ...dues, kind: ReceiptKind.DONATION, number: 'D2026-000001', amount: 50_000n, purpose: '寄附金', issuer: issuers.foundation, stampBox: true }),
    );
    expect(text).toContain('寄附金受領証明書');
    expect(text).toContain('公益目的事業に係る寄附金');
    expect(text).toContain('公益認定');
    expect(text).toContain('金額 ￥50,000');
    expect(text).toContain('収入印紙');
    expect(text).not.toContain('不課税');
  });
});
