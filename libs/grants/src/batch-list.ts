import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { Money, bilingual, csvDocument } from '#core';

/** One payment of a batch as the signature list shows it. */
export interface BatchListRow {
  applicationCode: string;
  payee: string;
  bank: string;
  branch: string;
  accountType: string;
  accountNumber: string;
  amount: bigint;
}

export interface BatchListHeader {
  programCode: string;
  programName: string;
  transferDate: string;
  recordCount: number;
  total: bigint;
  fileSha256: string | null;
}

const COLUMNS = [
  ['申請番号', 'Application'],
  ['受取人', 'Payee'],
  ['銀行', 'Bank'],
  ['支店', 'Branch'],
  ['種目', 'Type'],
  ['口座番号', 'Account'],
  ['金額', 'Amount'],
] as const;

/** The batch's payments as CSV (UTF-8 with BOM, CRLF, bilingual headers), a total line last. */
export function batchListCsv(header: BatchListHeader, rows: readonly BatchListRow[]): string {
  return csvDocument(
    COLUMNS.map(([ja, en]) => bilingual(ja, en)),
    [
      ...rows.map((r) => [r.applicationCode, r.payee, r.bank, r.branch, r.accountType, r.accountNumber, r.amount]),
      ['合計 / Total', `${header.recordCount}件 / items`, '', '', '', '', header.total],
    ],
  );
}

let fontPath: string | undefined;
function japaneseFont(): string {
  fontPath ??= createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
  return fontPath;
}

/** The same list as a PDF (A4, Japanese font) with lines for the signatures of the officer and the approver. */
export function batchListPdf(header: BatchListHeader, rows: readonly BatchListRow[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `助成金振込一覧 ${header.programCode} ${header.transferDate}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('jp', japaneseFont()).font('jp');
  doc.fontSize(14).text('助成金振込一覧 / Grant transfer list');
  doc.fontSize(10).moveDown(0.5);
  doc.text(`${header.programName} (${header.programCode})`);
  doc.text(`振込日 / Transfer date: ${header.transferDate}`);
  doc.text(`件数 / Items: ${header.recordCount}    合計 / Total: ${Money.of(header.total).format('ja')}`);
  if (header.fileSha256) doc.fontSize(7).text(`全銀ファイル SHA-256: ${header.fileSha256}`).fontSize(10);
  doc.moveDown();
  const widths = [95, 110, 70, 95, 30, 55, 60];
  const line = (cells: string[]) => {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = doc.page.margins.left;
    let height = 0;
    cells.forEach((c, i) => {
      const options = { width: widths[i] - 4, align: i === cells.length - 1 ? ('right' as const) : ('left' as const) };
      height = Math.max(height, doc.heightOfString(c, options));
      doc.text(c, x, y, options);
      x += widths[i];
    });
    doc.x = doc.page.margins.left;
    doc.y = y + height + 4;
  };
  doc.fontSize(8);
  line(COLUMNS.map(([ja]) => ja));
  for (const r of rows) line([r.applicationCode, r.payee, r.bank, r.branch, r.accountType, r.accountNumber, Money.of(r.amount).format('ja')]);
  line(['合計', `${header.recordCount}件`, '', '', '', '', Money.of(header.total).format('ja')]);
  doc.moveDown(2).fontSize(10);
  doc.text('担当 / Officer: ______________________    決裁 / Approver: ______________________');
  doc.end();
  return done;
}
