import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#auth';
import { randomUUID } from 'node:crypto';
import { TransactionService } from '#core';
import { ReceiptIssuing, ReceiptKind, ReceiptRepository } from '#receipts';
import { createPerson, startSmtpCapture, type SmtpCapture } from '#testing';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld, RECORD, TODAY, VOID } from './support/payments-world.js';
import { TestApp } from './support/test-app.js';
import { gql } from './support/gql.js';

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
const RECEIPTS = gql(`query ReceiptsList($filter: ReceiptFilterInput, $first: Int, $after: String) { receipts(filter: $filter, first: $first, after: $after) {
  edges { node { id number kind status year memberId branchId recipientName amount { amount currency } purpose receivedOn issuedOn replacesId replacesNumber voidReason pdfSha256 } } pageInfo { hasNextPage endCursor } } }`);
const PDF = gql(`query ReceiptsPdf($id: ID!, $paper: Boolean) { receiptPdf(id: $id, paper: $paper) { filename base64 sha256 } }`);
const RECEIPT = gql(`query ReceiptsOne($id: ID!) { receipt(id: $id) { id } }`);
const VOID_RECEIPT = gql(`mutation ReceiptsVoid($id: ID!, $reason: String!) { voidReceipt(id: $id, reason: $reason) { id } }`);
const REISSUE = gql(`mutation ReceiptsReissue($id: ID!, $reason: String!) { reissueReceipt(id: $id, reason: $reason) { id number kind status year memberId branchId recipientName amount { amount currency } purpose receivedOn issuedOn replacesId replacesNumber voidReason pdfSha256 } }`);
const RESEND = gql(`mutation ReceiptsResend($id: ID!) { resendReceipt(id: $id) { id } }`);
const CREATE_FUND = gql(`mutation ReceiptsCreateFund($input: CreateFundInput!) { createFund(input: $input) { id } }`);
const RECORD_DONATION = gql(`mutation ReceiptsRecordDonation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }`);

/** pdfinfo's page size in points, rounded (A4: 595 × 842), and the number of pages. */
function pdfPages(pdf: Buffer): { size: [number, number]; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rentai-receipt-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'r.pdf')]).toString('utf8');
    const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    return { size: [Math.round(Number(w)), Math.round(Number(h))], pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** The number after `number` in its book, year and kind (R2026-000041 → R2026-000042). */
const nextNumber = (number: string) => number.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0'));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('receipts: a dues invoice paid in full gets its 領収書, numbered, rendered, e-mailed; void and reissue', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let capture: SmtpCapture;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await TestApp.start({ worker: true, now: NOW, env: { SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp' } });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
  });
  afterAll(async () => {
    await checkThenClose(t, ledgerBalances);
    await capture?.close();
  });

  const pay = async (memberId: string, invoiceId: string, amount: number) => {
    const res = await t.gql(RECORD, { input: { memberId, method: 'CASH', amount: { amount, currency: 'JPY' }, receivedOn: TODAY, allocations: [{ invoiceId, amount }] } }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    return res.data!.recordPayment.id;
  };
  const receiptOf = (invoiceId: string, status = 'ISSUED') =>
    until(`a ${status} receipt of ${invoiceId}`, async () => (await t.db.query(`SELECT id, number, status, pdf_sha256, email_id FROM receipts WHERE source_id = $1 AND status = $2`, [invoiceId, status]))[0]);

  it('a part payment issues nothing; paying the rest issues R2026-000001, rendered and e-mailed with the PDF attached', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const [member] = await t.db.query(`SELECT name, email FROM members WHERE id = $1`, [m.memberId]);
    await pay(m.memberId, m.invoiceId, 5000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await t.db.query(`SELECT id FROM receipts WHERE source_id = $1`, [m.invoiceId])).toEqual([]);

    await pay(m.memberId, m.invoiceId, 7000);
    const receipt = await receiptOf(m.invoiceId);
    expect(receipt.number).toBe('R2026-000001');
    const mail = await capture.waitFor((x) => x.envelope.to.includes(member.email), 15_000);
    expect(mail.subject).toBe('【連帯】領収書の送付 (R2026-000001)');
    expect(mail.text).toContain(`${member.name} 様`);
    expect(mail.html).toContain('<p>');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'R2026-000001.pdf', contentType: 'application/pdf' });
    const text = pdfText(mail.attachments[0].content);
    expect(text).toContain('R2026-000001');
    expect(text).toContain(`${member.name} 様`);
    expect(text).toContain('金額 ￥12,000');
    expect(text).toContain('不課税');
    // A4, one page, with what it was for and the day the money was received.
    expect(pdfPages(mail.attachments[0].content)).toEqual({ size: [595, 842], pages: 1 });
    const [{ purpose }] = await t.db.query(`SELECT purpose FROM receipts WHERE id = $1`, [receipt.id]);
    expect(purpose).toMatch(/^2026年度 会費/);
    expect(text).toContain(`但し ${purpose} として`);
    expect(text).toContain(`受領日 / Received: ${TODAY}`);

    // The download (member, treasurer) is the same bytes as the e-mail, with its stored SHA-256.
    const self = await t.signIn(Role.MEMBER, { memberId: m.memberId });
    const mine = await t.gql(PDF, { id: receipt.id }, { token: self.token });
    expect(mine.errors).toBeUndefined();
    const bytes = Buffer.from(mine.data!.receiptPdf.base64, 'base64');
    expect(bytes.equals(mail.attachments[0].content)).toBe(true);
    const [stored] = await t.db.query(`SELECT pdf_sha256 FROM receipts WHERE id = $1`, [receipt.id]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.pdf_sha256);
    const staff = await t.gql(PDF, { id: receipt.id }, { token: branch.treasurer });
    expect(Buffer.from(staff.data!.receiptPdf.base64, 'base64').equals(bytes)).toBe(true);
  });

  it('numbers follow without gaps in the book; the same event delivered twice is one receipt', async () => {
    const a = await w.memberWithInvoice(branch.id);
    const b = await w.memberWithInvoice(branch.id);
    await Promise.all([pay(a.memberId, a.invoiceId, 12000), pay(b.memberId, b.invoiceId, 12000)]);
    const numbers = [(await receiptOf(a.invoiceId)).number, (await receiptOf(b.invoiceId)).number].sort();
    expect(numbers).toEqual(['R2026-000002', 'R2026-000003']);
    const [counter] = await t.db.query(`SELECT last_sequence FROM receipt_counters WHERE book_id = $1 AND kind = 'DUES' AND year = 2026`, [branch.bookId]);
    expect(counter.last_sequence).toBe(3);
    // The listener run again (a redelivered event): the same receipt, no number taken.
    const again = await t.worker!.get(ReceiptIssuing).issueForInvoice(a.invoiceId);
    expect(again?.id).toBe((await receiptOf(a.invoiceId)).id);
    expect((await t.db.query(`SELECT last_sequence FROM receipt_counters WHERE book_id = $1 AND kind = 'DUES' AND year = 2026`, [branch.bookId]))[0].last_sequence).toBe(3);
  });

  it('the counter row is locked until the issuing transaction ends: a second issuer waits, and a rollback gives the number back', async () => {
    const tx = t.app.get(TransactionService);
    const counters = t.app.get(ReceiptRepository);
    const bookId = randomUUID();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const first = new Promise<void>((resolve) => (taken = resolve));
    const rolledBack = tx
      .run(async () => {
        expect(await counters.nextSequence(bookId, 2026, ReceiptKind.DUES)).toBe(1);
        taken();
        await held;
        throw new Error('the issue fails after taking its number');
      })
      .catch((error: Error) => error.message);
    await first;
    const second = tx.run(() => counters.nextSequence(bookId, 2026, ReceiptKind.DUES));
    await until('the second issuer waiting on the counter’s lock', async () => {
      const waiting = await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%receipt_counters%'`);
      return waiting.length > 0;
    });
    release();
    expect(await rolledBack).toBe('the issue fails after taking its number');
    expect(await second).toBe(1);
    expect(await tx.run(() => counters.nextSequence(bookId, 2026, ReceiptKind.DUES))).toBe(2);
  });

  it('branch users never see another branch’s receipts; members only their own', async () => {
    const m = await w.memberWithInvoice(branch.id);
    await pay(m.memberId, m.invoiceId, 12000);
    const receipt = await receiptOf(m.invoiceId);
    const other = await w.branch();
    const theirs = await t.gql(PDF, { id: receipt.id }, { token: other.treasurer });
    expect(theirs.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = await t.gql(RECEIPTS, {}, { token: other.treasurer });
    expect(list.data!.receipts.edges).toEqual([]);
    const stranger = await w.memberWithInvoice(branch.id);
    const strangerToken = (await t.signIn(Role.MEMBER, { memberId: stranger.memberId })).token;
    expect((await t.gql(RECEIPT, { id: receipt.id }, { token: strangerToken })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(RECEIPTS, {}, { token: strangerToken })).data!.receipts.edges).toEqual([]);
    const own = await t.gql(RECEIPTS, {}, { token: (await t.signIn(Role.MEMBER, { memberId: m.memberId })).token });
    expect(own.data!.receipts.edges.map((e) => e.node.id)).toEqual([receipt.id]);
    const auditor = await t.signIn(Role.AUDITOR);
    expect((await t.gql(VOID_RECEIPT, { id: receipt.id, reason: 'x' }, { token: auditor.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await t.gql(RECEIPTS, { filter: { number: receipt.number } }, { token: branch.treasurer });
    expect(listed.data!.receipts.edges.map((e) => e.node.number)).toEqual([receipt.number]);
  });

  it('a voided payment voids the receipt: it keeps its number and its PDF shows 無効 / VOID', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const paymentId = await pay(m.memberId, m.invoiceId, 12000);
    const issued = await receiptOf(m.invoiceId);
    const voided = await t.gql(VOID, { id: paymentId, reason: '二重記帳' }, { token: branch.treasurer });
    expect(voided.errors).toBeUndefined();
    const gone = await receiptOf(m.invoiceId, 'VOID');
    expect(gone).toMatchObject({ id: issued.id, number: issued.number });
    const pdf = await until('the void PDF', async () => (await t.db.query(`SELECT pdf FROM receipts WHERE id = $1 AND pdf IS NOT NULL`, [issued.id]))[0]?.pdf as Buffer | undefined);
    expect(pdfText(pdf)).toContain('無効 / VOID');
    expect(pdfText(pdf)).toContain(issued.number);
  });

  it('a treasurer voids a receipt: it keeps its number, its PDF shows 無効 / VOID, the audit log names them; the next receipt takes the next number', async () => {
    const m = await w.memberWithInvoice(branch.id);
    await pay(m.memberId, m.invoiceId, 12000);
    const issued = await receiptOf(m.invoiceId);
    const download = async () => pdfText(Buffer.from((await t.gql(PDF, { id: issued.id }, { token: branch.treasurer })).data!.receiptPdf.base64, 'base64'));
    expect(await download()).not.toContain('無効');

    const res = await t.gql(VOID_RECEIPT, { id: issued.id, reason: '金額の誤り' }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    const listed = await t.gql(RECEIPTS, { filter: { number: issued.number } }, { token: branch.treasurer });
    expect(listed.data!.receipts.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id: issued.id, number: issued.number, status: 'VOID', voidReason: '金額の誤り' })]);
    const text = await download();
    expect(text).toContain('無効 / VOID');
    expect(text).toContain(issued.number);
    expect(await t.db.query(`SELECT action, actor_user_id FROM audit_events WHERE entity_id = $1`, [issued.id])).toEqual([{ action: 'receipt.void', actor_user_id: branch.treasurerUserId }]);

    const next = await w.memberWithInvoice(branch.id);
    await pay(next.memberId, next.invoiceId, 12000);
    expect((await receiptOf(next.invoiceId)).number).toBe(nextNumber(issued.number));
  });

  it('the 収入印紙 box: on a printed receipt of ¥50,000 or more from the co-operative to a non-member; not e-mailed, not under ¥50,000, not to a member', async () => {
    const fund = await t.gql(CREATE_FUND, { input: { code: 'BR-STAMP', nameJa: '共済基金', nameEn: 'Mutual aid fund', book: 'BRANCH', branchId: branch.id, restricted: false } }, { token: w.admin });
    expect(fund.errors).toBeUndefined();
    const give = async (amount: number, donor: { memberId: string } | { donor: { nameKanji: string; email: string } }) => {
      const res = await t.gql(RECORD_DONATION, { input: { fundId: fund.data!.createFund.id, amount, method: 'CASH', receivedOn: TODAY, ...donor } }, { token: branch.treasurer });
      expect(res.errors).toBeUndefined();
      const donationId = res.data!.recordDonation.id;
      return until(`the receipt of ${donationId}`, async () => (await t.db.query(`SELECT id FROM receipts WHERE source_id = $1 AND pdf IS NOT NULL`, [donationId]))[0]?.id as string | undefined);
    };
    const printed = async (id: string, paper = true) => pdfText(Buffer.from((await t.gql(PDF, { id, paper }, { token: branch.treasurer })).data!.receiptPdf.base64, 'base64'));
    const email = `stamp-${randomUUID().slice(0, 8)}@example.jp`;

    const large = await give(50_000, { donor: { nameKanji: '印紙 太郎', email } });
    const paper = await printed(large);
    expect(paper).toContain('収入印紙');
    expect(paper).toContain('金額 ￥50,000');
    expect(await printed(large, false)).not.toContain('収入印紙');
    const mail = await capture.waitFor((x) => x.envelope.to.includes(email), 15_000);
    expect(pdfText(mail.attachments[0].content)).not.toContain('収入印紙');

    const small = await give(49_999, { donor: { nameKanji: '印紙 次郎', email: `stamp-${randomUUID().slice(0, 8)}@example.jp` } });
    expect(await printed(small)).not.toContain('収入印紙');
    const member = await createPerson(t.app, { branchId: branch.id });
    const members = await printed(await give(50_000, { memberId: member.id }));
    expect(members).toContain('金額 ￥50,000');
    expect(members).not.toContain('収入印紙');
  });

  it('a reissue voids the old receipt and gives a new number that points at it; bad input changes nothing', async () => {
    const m = await w.memberWithInvoice(branch.id);
    await pay(m.memberId, m.invoiceId, 12000);
    const old = await receiptOf(m.invoiceId);
    const before = await t.db.query(`SELECT id, status, number FROM receipts ORDER BY number`);
    const bad = await t.gql(REISSUE, { id: old.id, reason: '' }, { token: branch.treasurer });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await t.db.query(`SELECT id, status, number FROM receipts ORDER BY number`)).toEqual(before);

    const res = await t.gql(REISSUE, { id: old.id, reason: '宛名の訂正' }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    const fresh = res.data!.reissueReceipt;
    expect(fresh).toMatchObject({ status: 'ISSUED', replacesId: old.id, replacesNumber: old.number, amount: { amount: 12000, currency: 'JPY' } });
    expect(fresh.number).not.toBe(old.number);
    expect((await t.db.query(`SELECT status FROM receipts WHERE id = $1`, [old.id]))[0].status).toBe('VOID');
    const pdf = await until('the reissued PDF', async () => (await t.db.query(`SELECT pdf FROM receipts WHERE id = $1 AND pdf IS NOT NULL`, [fresh.id]))[0]?.pdf as Buffer | undefined);
    expect(pdfText(pdf)).toContain(`旧番号 ${old.number}`);
    expect(await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [fresh.id])).toEqual([{ action: 'receipt.reissue' }]);

    const again = await t.gql(VOID_RECEIPT, { id: old.id, reason: 'x' }, { token: branch.treasurer });
    expect(again.errors?.[0].extensions?.reason).toBe('RECEIPT_ALREADY_VOID');
  });

  it('the receipt e-mail is in the member’s language (their account’s)', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const [member] = await t.db.query(`SELECT name, email FROM members WHERE id = $1`, [m.memberId]);
    await t.db.query(`UPDATE users SET locale = 'en' WHERE member_id = $1`, [m.memberId]);
    expect(await t.db.query(`SELECT locale FROM users WHERE member_id = $1`, [m.memberId])).toEqual([{ locale: 'en' }]);
    await pay(m.memberId, m.invoiceId, 12000);
    const receipt = await receiptOf(m.invoiceId);
    const mail = await capture.waitFor((x) => x.envelope.to.includes(member.email), 15_000);
    expect(mail.subject).toBe(`[Rentai] Your receipt (${receipt.number})`);
    expect(mail.text).toContain(`Dear ${member.name},`);
    expect(mail.html).toContain('<html lang="en">');
    expect(pdfText(mail.attachments[0].content)).toContain(receipt.number);
  });

  it('a re-send e-mails the stored PDF again', async () => {
    const m = await w.memberWithInvoice(branch.id);
    const [member] = await t.db.query(`SELECT email FROM members WHERE id = $1`, [m.memberId]);
    await pay(m.memberId, m.invoiceId, 12000);
    const receipt = await receiptOf(m.invoiceId);
    await capture.waitFor((x) => x.envelope.to.includes(member.email), 15_000);
    const res = await t.gql(RESEND, { id: receipt.id }, { token: branch.treasurer });
    expect(res.errors).toBeUndefined();
    await until('two e-mails', async () => capture.messages.filter((x) => x.envelope.to.includes(member.email)).length === 2);
    const [first, second] = capture.messages.filter((x) => x.envelope.to.includes(member.email));
    expect(second.attachments[0].content.equals(first.attachments[0].content)).toBe(true);
  });
});
