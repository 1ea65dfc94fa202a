import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { Money, type ReceiptIssuer } from '#core';
import { ReceiptKind } from './receipt-kind.js';
import { japaneseFont, shareFontWork } from './receipt-font.js';

export { JAPANESE_FONT_PATH } from './receipt-font.js';

/** Everything printed on one receipt: a snapshot taken when it was issued, never read again from elsewhere. */
export interface ReceiptDocument {
  number: string;
  kind: ReceiptKind;
  void: boolean;
  /** YYYY-MM-DD */
  issuedOn: string;
  receivedOn: string;
  recipientName: string;
  recipientPostalCode: string | null;
  recipientAddress: string | null;
  amount: bigint;
  currency: string;
  /** What it was for: 2026年度 会費 (2026-04-01〜2027-03-31) */
  purpose: string;
  issuer: ReceiptIssuer;
  /** The office that received the money (the branch's book), e.g. 東京支部. */
  office: string;
  /** The number of the receipt this one replaces (a reissue). */
  replacesNumber: string | null;
  /** Show the 収入印紙 box (a paper receipt that needs one: see needsStampBox). */
  stampBox: boolean;
  /** An annual receipt's gifts. */
  gifts?: { receivedOn: string; amount: bigint; fund: string }[];
}

const TITLE: Record<ReceiptKind, string> = {
  [ReceiptKind.DUES]: '領収書',
  [ReceiptKind.DONATION]: '寄附金受領証明書',
  [ReceiptKind.ANNUAL_DONATION]: '寄附金受領証明書 (年間)',
};
const TITLE_EN: Record<ReceiptKind, string> = {
  [ReceiptKind.DUES]: 'Receipt',
  [ReceiptKind.DONATION]: 'Donation receipt',
  [ReceiptKind.ANNUAL_DONATION]: 'Annual donation receipt',
};

/** A fixed instant from the receipt (its issue date, noon JST), so the same receipt renders to the same bytes. */
function creationDate(issuedOn: string): Date {
  return new Date(`${issuedOn}T12:00:00+09:00`);
}

const yen = (amount: bigint, currency: string) => Money.of(amount, currency).format('ja');

/**
 * Renders a receipt as an A4 PDF with the Japanese font embedded as a subset. Deterministic: the
 * creation date and file ID come from the receipt, so rendering it again gives the same bytes.
 */
export function renderReceiptPdf(r: ReceiptDocument, font?: Buffer, shareWork = true): Promise<Buffer> {
  const created = creationDate(r.issuedOn);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    // No Helvetica: pdfkit would parse its metrics for every document, and nothing here uses it.
    font: null as unknown as string,
    info: { Title: `${TITLE[r.kind]} ${r.number}`, Author: r.issuer.name, Producer: 'Rentai', Creator: 'Rentai', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('jp', (font ?? japaneseFont()) as unknown as Buffer).font('jp');
  if (!font && shareWork) shareFontWork((doc as unknown as { _font: unknown })._font);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.fontSize(22).text(TITLE[r.kind], { align: 'center' });
  doc.fontSize(10).text(TITLE_EN[r.kind], { align: 'center' });
  if (r.void) {
    doc.save().fontSize(64).fillColor('#c00000').text('無効 / VOID', left, 300, { width, align: 'center' }).restore();
    doc.fillColor('black');
  }
  doc.fontSize(10).text(`No. ${r.number}`, left, 120, { width, align: 'right' });
  doc.text(`発行日 / Issued: ${r.issuedOn}`, { width, align: 'right' });
  if (r.replacesNumber) doc.text(`再発行 (旧番号 ${r.replacesNumber}) / Reissue of ${r.replacesNumber}`, { width, align: 'right' });

  doc.fontSize(14).text(`${r.recipientName} 様`, left, 170);
  doc.fontSize(10);
  if (r.recipientPostalCode || r.recipientAddress) {
    // 1500001 and 150-0001 (as a donor may have typed it) both print 〒150-0001.
    const digits = (r.recipientPostalCode ?? '').replace(/\D/g, '');
    const postal = digits.length === 7 ? `〒${digits.slice(0, 3)}-${digits.slice(3)} ` : r.recipientPostalCode ? `〒${r.recipientPostalCode} ` : '';
    doc.text(`${postal}${r.recipientAddress ?? ''}`);
  }

  doc.moveDown(1.5).fontSize(12).text('金額 / Amount');
  doc.fontSize(26).text(`金額 ${yen(r.amount, r.currency)}`, { underline: true });
  doc.fontSize(10).moveDown(0.5);
  doc.text(`但し ${r.purpose} として`);
  if (r.kind === ReceiptKind.ANNUAL_DONATION) {
    const year = r.receivedOn.slice(0, 4);
    doc.text(`対象期間 / Period: ${year}-01-01〜${year}-12-31`);
  } else {
    doc.text(`受領日 / Received: ${r.receivedOn}`);
  }
  if (r.kind === ReceiptKind.DUES) {
    doc.moveDown(0.5).text('上記の金額を正に領収いたしました。 / Received with thanks.');
    doc.text('会費は消費税の課税対象外 (不課税) として取り扱っています。 / Membership dues are outside the scope of consumption tax.');
  } else {
    doc.moveDown(0.5).text('上記の金額を寄附金として受領したことを証明します。 / We certify that we received the above as a donation.');
    doc.text(`この寄附金は、当法人の${r.issuer.legalForm.includes('特定非営利活動') ? '特定非営利活動' : '公益目的事業'}に係る寄附金です。`);
    doc.text('The gift is for the organisation’s public-benefit activity.');
  }
  const gifts = r.gifts ?? [];
  // Up to GIFTS_ON_FIRST_PAGE gifts fit above the issuer; more go on the pages after it.
  const giftsHere = gifts.length <= GIFTS_ON_FIRST_PAGE;
  if (gifts.length > 0) {
    doc.moveDown(0.5).text(giftsHere ? `寄附の明細 / Gifts (${gifts.length})` : `寄附の明細は別紙のとおり (${gifts.length}件) / ${gifts.length} gifts, listed overleaf`);
    if (giftsHere) giftLines(doc, gifts, r.currency);
  }

  const issuerTop = 560;
  doc.fontSize(11).text(r.issuer.name, left + width / 2, issuerTop, { width: width / 2 });
  doc.fontSize(9).text(`${r.issuer.legalForm} / ${r.issuer.nameEn}`, { width: width / 2 });
  doc.text(r.issuer.address, { width: width / 2 });
  if (r.issuer.corporateNumber) doc.text(`法人番号 ${r.issuer.corporateNumber}`, { width: width / 2 });
  if (r.kind !== ReceiptKind.DUES && r.issuer.certification) doc.text(r.issuer.certification, { width: width / 2 });
  doc.text(`受領部署 / Office: ${r.office}`, { width: width / 2 });

  if (r.stampBox) {
    doc.rect(left, issuerTop, 80, 80).stroke();
    doc.fontSize(9).text('収入印紙', left, issuerTop + 34, { width: 80, align: 'center' });
  }
  if (gifts.length > 0 && !giftsHere) {
    doc.addPage();
    doc.fontSize(12).text(`寄附の明細 / Gifts — ${r.number}`);
    doc.fontSize(10).moveDown(0.5);
    giftLines(doc, gifts, r.currency);
  }
  doc.end();
  return done;
}

const GIFTS_ON_FIRST_PAGE = 12;

function giftLines(doc: PDFKit.PDFDocument, gifts: NonNullable<ReceiptDocument['gifts']>, currency: string): void {
  for (const g of gifts) doc.text(`  ${g.receivedOn}    ${yen(g.amount, currency).padStart(10)}    ${g.fund}`);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
