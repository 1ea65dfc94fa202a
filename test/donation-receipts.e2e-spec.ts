import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import iconv from 'iconv-lite';
import { Role } from '#auth';
import { DomainEvents, TransactionService, type DomainEventPayloads } from '#core';
import { BookService } from '#ledger';
import { ANNUAL_RECEIPTS_PATTERN, ANNUAL_RECEIPTS_SCHEDULER, AnnualReceiptRun, DonationReceipts } from '#receipts';
import { countQueries, createPerson, startSmtpCapture, type SmtpCapture } from '#testing';
import { checkThenClose, ledgerBalances } from './support/check-then-close.js';
import { NOW, PaymentsWorld } from './support/payments-world.js';
import { runCli } from './support/run-cli.js';
import { TestApp } from './support/test-app.js';
import { gql, type ResultOf } from './support/gql.js';

jest.setTimeout(60_000);

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
const RECEIPTS = gql(`query DonationReceiptsList($filter: ReceiptFilterInput, $first: Int, $after: String) { receipts(filter: $filter, first: $first, after: $after) {
  edges { node { id number kind status year memberId branchId recipientName recipientAddress amount { amount } purpose receivedOn replacesId replacesNumber } } pageInfo { hasNextPage endCursor } } }`);
const PDF = gql(`query DonationReceiptsPdf($id: ID!) { receiptPdf(id: $id) { filename base64 } }`);
const RUN = gql(`mutation DonationReceiptsRunAnnual($year: Int!) { runAnnualDonationReceipts(year: $year) { year issued alreadyIssued } }`);
const REGISTER = gql(`query DonationReceiptsDonorRegister($bookId: ID!, $fiscalYear: Int!, $encoding: DonorRegisterEncoding) { donorRegisterCsv(bookId: $bookId, fiscalYear: $fiscalYear, encoding: $encoding) {
  filename contentType encoding base64 rows } }`);
const GIFTS = gql(`query DonationReceiptsGifts($id: ID!) { receipt(id: $id) { gifts { receivedOn amount { amount } fundNameEn } } }`);
const REISSUE = gql(`mutation DonationReceiptsReissue($id: ID!, $reason: String!) { reissueReceipt(id: $id, reason: $reason) { id number kind status year memberId branchId recipientName recipientAddress amount { amount } purpose receivedOn replacesId replacesNumber } }`);
const RESEND = gql(`mutation DonationReceiptsResend($id: ID!) { resendReceipt(id: $id) { id } }`);
const CERTIFICATION = '東京都認定 第2024-0123号 (2024年4月1日認定)';

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value && !(Array.isArray(value) && value.length === 0)) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Gift = DomainEventPayloads['donation.succeeded'];

describe('donation receipts: from the donation events, per gift and annual, refunds, the donor register', () => {
  let t: TestApp;
  let w: PaymentsWorld;
  let capture: SmtpCapture;
  let branch: Awaited<ReturnType<PaymentsWorld['branch']>>;
  let foundationBookId: string;
  let federationBookId: string;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await TestApp.start({
      worker: true,
      now: NOW,
      env: {
        SMTP_URL: capture.url,
        MAIL_FROM: 'no-reply@rentai.example.jp',
        // The federation's books issue as a 認定NPO法人 in this file (the default is a co-operative federation).
        RECEIPT_ISSUER_LEGAL_FORM: '認定特定非営利活動法人',
        RECEIPT_ISSUER_CERTIFICATION: CERTIFICATION,
        RECEIPT_ISSUER_STAMP_DUTY: 'NONE',
      },
    });
    w = await PaymentsWorld.create(t);
    branch = await w.branch();
    foundationBookId = (await t.app.get(BookService).foundationBook()).id;
    federationBookId = await w.federationBookId();
  });
  afterAll(async () => {
    await checkThenClose(t, ledgerBalances);
    await capture?.close();
  });

  const gift = (over: Partial<Gift> = {}): Gift => ({
    donationId: randomUUID(),
    donorId: randomUUID(),
    memberId: null,
    bookId: branch.bookId,
    fundId: randomUUID(),
    fundNameJa: '災害支援基金',
    fundNameEn: 'Disaster relief fund',
    restricted: true,
    amountYen: 10_000,
    receivedOn: '2026-06-10',
    receiptPreference: 'PER_GIFT',
    monthlyGiftId: null,
    donorNameKanji: '寄附 花子',
    donorNameKana: 'キフ ハナコ',
    donorEmail: `donor-${randomUUID().slice(0, 8)}@example.jp`,
    donorPostalCode: '1500001',
    donorAddress: '東京都渋谷区神宮前1-2-3',
    language: 'ja',
    ...over,
  });
  /** As libs/donations does: inside its transaction, through the real DomainEvents (outbox → worker). */
  const publish = <K extends 'donation.succeeded' | 'donation.refunded'>(event: K, payload: DomainEventPayloads[K], key: string) =>
    t.app.get(TransactionService).run(() => t.app.get(DomainEvents).publish(event, payload, key));
  const succeeded = async (g: Gift) => {
    await publish('donation.succeeded', g, `donation-succeeded.${g.donationId}`);
    return g;
  };
  const receiptsOf = (sourceId: string) => t.db.query(`SELECT id, number, status, amount::int AS amount, replaces_number, pdf IS NOT NULL AS rendered FROM receipts WHERE source_id = $1 ORDER BY created_at`, [sourceId]);
  const storedPdf = (id: string) => until(`the PDF of ${id}`, async () => (await t.db.query(`SELECT pdf FROM receipts WHERE id = $1 AND pdf IS NOT NULL`, [id]))[0]?.pdf as Buffer | undefined);
  const giftRow = (donationId: string) => until(`the gift ${donationId} recorded`, async () => (await t.db.query(`SELECT refunded_amount::int AS refunded FROM receipt_gifts WHERE donation_id = $1`, [donationId]))[0]);

  it('a PER_GIFT gift gets its 寄附金受領証明書 at once: numbered D, rendered with the 認定 details, e-mailed in the donor’s language; the event twice is one receipt', async () => {
    const g = await succeeded(gift({ language: 'en', donorNameKanji: 'Smith Anna' }));
    const [receipt] = await until('the donation receipt', async () => (await receiptsOf(g.donationId)).filter((r: { rendered: boolean }) => r.rendered));
    expect(receipt).toMatchObject({ number: 'D2026-000001', status: 'ISSUED', amount: 10_000 });
    const mail = await capture.waitFor((m) => m.envelope.to.includes(g.donorEmail!), 20_000);
    expect(mail.subject).toBe('[Rentai] Your donation receipt (D2026-000001)');
    expect(mail.text).toContain('Dear Smith Anna,');
    expect(mail.text).toContain('Disaster relief fund');
    expect(mail.html).toContain('<p>Dear Smith Anna,</p>');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['D2026-000001.pdf', 'application/pdf']]);
    const text = pdfText(mail.attachments[0].content);
    expect(text).toContain('寄附金受領証明書');
    expect(text).toContain('D2026-000001');
    expect(text).toContain('Smith Anna 様');
    expect(text).toContain('金額 ￥10,000');
    expect(text).toContain('特定非営利活動に係る寄附金');
    expect(text).toContain(CERTIFICATION);
    expect(text).toContain('受領日 / Received: 2026-06-10');
    expect(text).toContain('〒150-0001 東京都渋谷区神宮前1-2-3');
    expect(text).not.toContain('不課税');

    // Delivered again (a retried job, the same event published twice): the same receipt, no number taken.
    await succeeded(g);
    await t.worker!.get(DonationReceipts).onSucceeded(g);
    await t.flushOutbox();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await receiptsOf(g.donationId)).map((r: { number: string }) => r.number)).toEqual(['D2026-000001']);
    expect((await t.db.query(`SELECT last_sequence FROM receipt_counters WHERE book_id = $1 AND kind = 'DONATION'`, [branch.bookId]))[0].last_sequence).toBe(1);
    expect(capture.messages.filter((m) => m.envelope.to.includes(g.donorEmail!))).toHaveLength(1);
  });

  it('NONE records the gift (for the register) and issues nothing; ANNUAL waits for the annual receipt', async () => {
    const none = await succeeded(gift({ receiptPreference: 'NONE' }));
    const annual = await succeeded(gift({ receiptPreference: 'ANNUAL' }));
    await giftRow(none.donationId);
    await giftRow(annual.donationId);
    expect(await receiptsOf(none.donationId)).toEqual([]);
    expect(await t.db.query(`SELECT id FROM receipts WHERE kind = 'ANNUAL_DONATION'`)).toEqual([]);
  });

  it('a partial refund voids the receipt and issues one for what remains, pointing at it; a full refund voids it and issues nothing', async () => {
    const g = await succeeded(gift({ amountYen: 30_000 }));
    const [first] = await until('the receipt', async () => (await receiptsOf(g.donationId)).filter((r: { rendered: boolean }) => r.rendered));
    await publish('donation.refunded', { donationId: g.donationId, refundedAmountYen: 10_000, fullyRefunded: false }, `donation-refunded.${g.donationId}.1`);
    const [old, fresh] = await until('the replacement', async () => {
      const rows = await receiptsOf(g.donationId);
      return rows.length === 2 && rows[1].rendered ? rows : null;
    });
    expect(old).toMatchObject({ id: first.id, number: first.number, status: 'VOID' });
    expect(fresh).toMatchObject({ status: 'ISSUED', amount: 20_000, replaces_number: first.number });
    expect(fresh.number).not.toBe(first.number);
    const text = pdfText(await storedPdf(fresh.id));
    expect(text).toContain('金額 ￥20,000');
    expect(text).toContain(`旧番号 ${first.number}`);
    expect(pdfText(await storedPdf(old.id))).toContain('無効 / VOID');
    const mails = await until('two e-mails', async () => {
      const m = capture.messages.filter((x) => x.envelope.to.includes(g.donorEmail!));
      return m.length === 2 ? m : null;
    });
    expect(mails[1].text).toContain(`${first.number} に代わるものです`);

    await publish('donation.refunded', { donationId: g.donationId, refundedAmountYen: 30_000, fullyRefunded: true }, `donation-refunded.${g.donationId}.2`);
    // The first refund's event delivered again late (another key): the total is never lowered, nothing reissued.
    await publish('donation.refunded', { donationId: g.donationId, refundedAmountYen: 10_000, fullyRefunded: false }, `donation-refunded.${g.donationId}.late`);
    await until('every receipt void', async () => (await receiptsOf(g.donationId)).every((r: { status: string }) => r.status === 'VOID'));
    await until('the late event delivered', async () => (await t.db.query(`SELECT 1 FROM domain_event_deliveries WHERE event_key = $1`, [`donation-refunded.${g.donationId}.late`])).length > 0);
    expect((await receiptsOf(g.donationId)).map((r: { status: string }) => r.status)).toEqual(['VOID', 'VOID']);
    expect((await giftRow(g.donationId)).refunded).toBe(30_000);
  });

  it('a refund delivered before its gift waits (the job retries) and then applies', async () => {
    const g = gift({ amountYen: 8_000 });
    await publish('donation.refunded', { donationId: g.donationId, refundedAmountYen: 3_000, fullyRefunded: false }, `donation-refunded.${g.donationId}.1`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await succeeded(g);
    const rows = await until('the refund applied after its retry', async () => {
      const r = await receiptsOf(g.donationId);
      return r.length === 2 ? r : null;
    }, 40_000);
    expect(rows.map((r: { status: string; amount: number }) => [r.status, r.amount])).toEqual([['VOID', 8_000], ['ISSUED', 5_000]]);
  });

  describe('annual receipts (calendar year, whatever the fiscal year)', () => {
    const donorA = randomUUID();
    const monthly = randomUUID();
    let member: { id: string };
    let jan: Gift;
    let dec: Gift;

    beforeAll(async () => {
      member = await createPerson(t.app, { branchId: branch.id });
      const a = { donorId: donorA, memberId: member.id, receiptPreference: 'ANNUAL' as const, monthlyGiftId: monthly, amountYen: 3_000, donorNameKanji: '年間 太郎', language: 'ja' as const };
      // A monthly gift: January and December 2025 (the donor moved in between), then January 2026.
      jan = await succeeded(gift({ ...a, receivedOn: '2025-01-20', donorAddress: '大阪府大阪市北区梅田1-1-1', donorPostalCode: '5300001' }));
      dec = await succeeded(gift({ ...a, receivedOn: '2025-12-20', donorAddress: '東京都新宿区西新宿2-8-1', donorPostalCode: '1600023' }));
      await succeeded(gift({ ...a, receivedOn: '2026-01-20', donorAddress: '東京都新宿区西新宿2-8-1', donorPostalCode: '1600023' }));
      // The same donor gives to the foundation too: another issuer, another annual receipt.
      await succeeded(gift({ ...a, monthlyGiftId: null, bookId: foundationBookId, amountYen: 50_000, receivedOn: '2025-05-05', fundNameJa: '研修奨学基金', fundNameEn: 'Training grants fund' }));
      // Another donor of the branch's book, and a PER_GIFT gift of 2025 that the annual receipt must not repeat.
      await succeeded(gift({ receiptPreference: 'ANNUAL', receivedOn: '2025-03-01', amountYen: 5_000, donorNameKanji: '別の 寄附者' }));
      await succeeded(gift({ donorId: donorA, memberId: member.id, receivedOn: '2025-07-07', amountYen: 7_000 }));
      await until('the gifts recorded', async () => (await t.db.query(`SELECT count(*)::int AS n FROM receipt_gifts WHERE donor_id = $1`, [donorA]))[0].n === 5);
      await until('the gifts recorded', async () => (await t.db.query(`SELECT count(*)::int AS n FROM receipt_gifts WHERE donor_name_kanji = '別の 寄附者'`))[0].n === 1);
    });

    it('the worker has the January job scheduler in Asia/Tokyo; its job issues last year’s receipts', async () => {
      const queue = t.worker!.get<Queue>(getQueueToken('receipts'), { strict: false });
      const scheduler = await queue.getJobScheduler(ANNUAL_RECEIPTS_SCHEDULER);
      expect(scheduler).toMatchObject({ pattern: ANNUAL_RECEIPTS_PATTERN, tz: 'Asia/Tokyo', name: 'receipts.annual-run' });
      expect(ANNUAL_RECEIPTS_PATTERN).toMatch(/^\d+ \d+ \d+ 1 \*$/);
      // What the scheduler adds in January (year null: the year before today's, 2025 on the test clock).
      await queue.add('receipts.annual-run', { year: null }, { jobId: 'annual-run-test' });
      await until('the annual receipts of 2025', async () => (await t.db.query(`SELECT count(*)::int AS n FROM receipts WHERE kind = 'ANNUAL_DONATION' AND year = 2025`))[0].n === 3);
    });

    it('lists every gift of the year and only those; the recipient as given with the latest gift; numbered A per book; a second run issues nothing', async () => {
      const rows = await t.db.query(`SELECT id, number, book_id, amount::int AS amount, recipient_address, member_id FROM receipts WHERE kind = 'ANNUAL_DONATION' AND source_id LIKE $1 ORDER BY book_id`, [`%.${donorA}.2025`]);
      const branchReceipt = rows.find((r: { book_id: string }) => r.book_id === branch.bookId);
      const foundationReceipt = rows.find((r: { book_id: string }) => r.book_id === foundationBookId);
      expect(branchReceipt).toMatchObject({ amount: 6_000, recipient_address: '東京都新宿区西新宿2-8-1', member_id: member.id });
      expect(branchReceipt.number).toMatch(/^A2025-00000[12]$/);
      expect(foundationReceipt).toMatchObject({ number: 'A2025-000001', amount: 50_000 });
      const branchNumbers = (await t.db.query(`SELECT number FROM receipts WHERE kind = 'ANNUAL_DONATION' AND book_id = $1 ORDER BY number`, [branch.bookId])).map((r: { number: string }) => r.number);
      expect(branchNumbers).toEqual(['A2025-000001', 'A2025-000002']);

      const text = pdfText(await storedPdf(branchReceipt.id));
      expect(text).toContain('寄附金受領証明書 (年間)');
      expect(text).toContain(branchReceipt.number);
      expect(text).toContain('年間 太郎 様');
      expect(text).toContain('〒160-0023 東京都新宿区西新宿2-8-1');
      expect(text).toContain('金額 ￥6,000');
      expect(text).toContain('対象期間 / Period: 2025-01-01〜2025-12-31');
      expect(text).toMatch(/2025-01-20\s+￥3,000/);
      expect(text).toMatch(/2025-12-20\s+￥3,000/);
      expect(text).not.toContain('2026-01-20');
      expect(text).not.toContain('2025-07-07');
      expect(text).toContain('特定非営利活動に係る寄附金');
      const [emailRow] = await t.db.query(`SELECT to_address, subject FROM email_messages WHERE subject LIKE $1`, [`%${branchReceipt.number}%`]);
      expect(emailRow.subject).toBe(`【連帯】2025年分 寄附金受領証明書の送付 (${branchReceipt.number})`);

      const admin = w.admin;
      const again = await t.gql(RUN, { year: 2025 }, { token: admin });
      expect(again.errors).toBeUndefined();
      expect(again.data!.runAnnualDonationReceipts).toEqual({ year: 2025, issued: 0, alreadyIssued: 3 });
      const cli = await runCli(t.app, ['receipts:annual', '--year', '2025']);
      expect(cli.stdout).toContain('2025 annual receipts: 0 issued, 3 issued before');
      expect(await t.db.query(`SELECT count(*)::int AS n FROM receipts WHERE kind = 'ANNUAL_DONATION'`)).toEqual([{ n: 3 }]);
    });

    it('the CLI shows a progress bar and issues a year on demand; bad input changes nothing; only federation admins run it', async () => {
      await succeeded(gift({ receiptPreference: 'ANNUAL', receivedOn: '2024-11-11', amountYen: 2_000 }));
      await until('the 2024 gift', async () => (await t.db.query(`SELECT 1 FROM receipt_gifts WHERE received_on = '2024-11-11'`)).length === 1);
      const before = await t.db.query(`SELECT count(*)::int AS n FROM receipts`);
      const bad = await t.gql(RUN, { year: 1999 }, { token: w.admin });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(bad.errors?.[0].extensions?.fields)).toContain('year');
      expect((await t.gql(RUN, { year: 2024 }, { token: branch.treasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(RUN, { year: 2024 }, { token: (await t.signIn(Role.AUDITOR)).token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await t.db.query(`SELECT count(*)::int AS n FROM receipts`)).toEqual(before);
      const cli = await runCli(t.app, ['receipts:annual', '--year', '2024']);
      expect(cli.stderr).toMatch(/annual receipts 2024: 1\/1 \(100%\)/);
      expect(cli.stdout).toContain('2024年分 寄附金受領証明書: 発行 1件');
      expect((await runCli(t.app, ['receipts:annual', '--year', 'abc'])).exitCode).toBe(1);
    });

    it('two runs at once (gateway and worker) issue each donor’s annual receipt once, numbered without gaps', async () => {
      const gifts = Array.from({ length: 6 }, (_, i) => gift({ receiptPreference: 'ANNUAL', receivedOn: `2023-0${i + 1}-15`, amountYen: 1_000 * (i + 1) }));
      for (const g of gifts) await succeeded(g);
      await until('the 2023 gifts', async () => (await t.db.query(`SELECT count(*)::int AS n FROM receipt_gifts WHERE received_on BETWEEN '2023-01-01' AND '2023-12-31'`))[0].n === 6);
      // Hold the book's counter row so that both runs are seen waiting on it, then let them race.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const holding = new Promise<void>((resolve) => (locked = resolve));
      const holder = t.app.get(TransactionService).run(async (manager) => {
        await manager.query(`INSERT INTO receipt_counters (book_id, year, kind, last_sequence) VALUES ($1, 2023, 'ANNUAL_DONATION', 0) ON CONFLICT (book_id, year, kind) DO UPDATE SET last_sequence = receipt_counters.last_sequence`, [branch.bookId]);
        locked();
        await held;
      });
      await holding;
      const runs = Promise.all([t.app.get(AnnualReceiptRun).run(2023), t.worker!.get(AnnualReceiptRun).run(2023)]);
      await until('both runs waiting on the counter’s lock', async () => (await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO receipt_counters%'`)).length === 2);
      release();
      await holder;
      const [a, b] = await runs;
      expect(a.issued + b.issued).toBe(6);
      expect([a.issued, b.issued]).toContain(0);
      const rows = await t.db.query(`SELECT sequence, source_id FROM receipts WHERE kind = 'ANNUAL_DONATION' AND year = 2023 ORDER BY sequence`);
      expect(rows.map((r: { sequence: number }) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(rows.map((r: { source_id: string }) => r.source_id)).size).toBe(6);
    });

    it('set-based: the run makes as many statements for 30 donors as for 3 (one batch: counter, INSERT … SELECT, counter, outbox)', async () => {
      const donors = (year: number, n: number) => Array.from({ length: n }, (_, i) => gift({ receiptPreference: 'ANNUAL', receivedOn: `${year}-03-0${(i % 9) + 1}`, amountYen: 500 + i }));
      const few = donors(2022, 3);
      const many = donors(2021, 30);
      await Promise.all([...few, ...many].map(succeeded));
      await until('the gifts', async () => (await t.db.query(`SELECT count(*)::int AS n FROM receipt_gifts WHERE received_on < '2023-01-01'`))[0].n === 33);
      const statementsOf = async (year: number) => {
        const counted = countQueries(t.db);
        try {
          const res = await t.gql(RUN, { year }, { token: w.admin });
          expect(res.errors).toBeUndefined();
          return { issued: res.data!.runAnnualDonationReceipts.issued, work: counted.work.length };
        } finally {
          counted.stop();
        }
      };
      const a = await statementsOf(2022);
      const b = await statementsOf(2021);
      expect([a.issued, b.issued]).toEqual([3, 30]);
      expect(b.work).toBe(a.work);
      expect(a.work).toBeLessThanOrEqual(20);
    });

    it('a late gift of a year already receipted reissues that year’s receipt with it; a refund of an annual gift reissues it without the refunded part', async () => {
      const source = `${branch.bookId}.${donorA}.2025`;
      const [first] = await t.db.query(`SELECT id, number FROM receipts WHERE source_id = $1 AND status = 'ISSUED'`, [source]);
      await succeeded(gift({ donorId: donorA, memberId: member.id, receiptPreference: 'ANNUAL', receivedOn: '2025-12-28', amountYen: 4_000, donorNameKanji: '年間 太郎', donorAddress: '東京都新宿区西新宿2-8-1' }));
      const second = await until('the reissue with the late gift', async () => (await t.db.query(`SELECT id, number, amount::int AS amount, replaces_number, lines FROM receipts WHERE source_id = $1 AND status = 'ISSUED'`, [source]))
        .find((r: { id: string }) => r.id !== first.id));
      expect(second).toMatchObject({ amount: 10_000, replaces_number: first.number });
      expect(second.lines.map((l: { receivedOn: string }) => l.receivedOn)).toEqual(['2025-01-20', '2025-12-20', '2025-12-28']);
      expect((await t.db.query(`SELECT status FROM receipts WHERE id = $1`, [first.id]))[0].status).toBe('VOID');

      await publish('donation.refunded', { donationId: jan.donationId, refundedAmountYen: 3_000, fullyRefunded: true }, `donation-refunded.${jan.donationId}`);
      const third = await until('the reissue without the refunded gift', async () => (await t.db.query(`SELECT id, amount::int AS amount, replaces_number, lines FROM receipts WHERE source_id = $1 AND status = 'ISSUED'`, [source]))
        .find((r: { id: string }) => r.id !== second.id));
      expect(third).toMatchObject({ amount: 7_000, replaces_number: second.number });
      expect(third.lines.map((l: { donationId: string }) => l.donationId)).not.toContain(jan.donationId);
      expect(third.lines.map((l: { donationId: string }) => l.donationId)).toContain(dec.donationId);
      const numbers = (await t.db.query(`SELECT sequence FROM receipts WHERE book_id = $1 AND kind = 'ANNUAL_DONATION' AND year = 2025 ORDER BY sequence`, [branch.bookId])).map((r: { sequence: number }) => r.sequence);
      expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
    });

    it('members see and download their own donation receipts; staff of another branch do not; treasurers reissue and re-send', async () => {
      const self = await t.signIn(Role.MEMBER, { memberId: member.id });
      const mine = await t.gql(RECEIPTS, { filter: { kind: 'ANNUAL_DONATION' } }, { token: self.token });
      expect(mine.errors).toBeUndefined();
      const nodes = mine.data!.receipts.edges.map((e) => e.node);
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((n) => n.memberId === member.id)).toBe(true);
      const issued = nodes.find((n) => n.status === 'ISSUED' && n.branchId === branch.id)!;
      const withGifts = await t.gql(GIFTS, { id: issued.id }, { token: self.token });
      expect(withGifts.data!.receipt.gifts.map((g) => g.receivedOn)).toEqual(['2025-12-20', '2025-12-28']);
      expect(withGifts.data!.receipt.gifts[0]).toEqual({ receivedOn: '2025-12-20', amount: { amount: 3000 }, fundNameEn: 'Disaster relief fund' });
      const pdf = await t.gql(PDF, { id: issued.id }, { token: self.token });
      expect(pdfText(Buffer.from(pdf.data!.receiptPdf.base64, 'base64'))).toContain(issued.number);

      const other = await w.branch();
      expect((await t.gql(PDF, { id: issued.id }, { token: other.treasurer })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql(RECEIPTS, { filter: { bookId: branch.bookId } }, { token: other.treasurer })).data!.receipts.edges).toEqual([]);
      // The foundation's receipt has no branch: federation-wide roles only.
      const foundation = await t.gql(RECEIPTS, { filter: { bookId: foundationBookId } }, { token: branch.treasurer });
      expect(foundation.data!.receipts.edges).toEqual([]);
      const byAdmin = await t.gql(RECEIPTS, { filter: { bookId: foundationBookId, kind: 'ANNUAL_DONATION' } }, { token: w.admin });
      expect(byAdmin.data!.receipts.edges.map((e) => e.node.number)).toEqual(['A2025-000001']);

      // Keyset pages over the branch's donation receipts, without repeats.
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        // Annotated: `after` comes from the page before, which TypeScript cannot infer through the loop.
        const page: ResultOf<typeof RECEIPTS>['receipts'] = (await t.gql(RECEIPTS, { filter: { bookId: branch.bookId }, first: 2, after }, { token: branch.treasurer })).data!.receipts;
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const all = await t.db.query(`SELECT id FROM receipts WHERE book_id = $1`, [branch.bookId]);
      expect(new Set(seen).size).toBe(all.length);
      expect(seen).toHaveLength(all.length);

      const reissued = await t.gql(REISSUE, { id: issued.id, reason: '住所の訂正' }, { token: branch.treasurer });
      expect(reissued.errors).toBeUndefined();
      expect(reissued.data!.reissueReceipt).toMatchObject({ kind: 'ANNUAL_DONATION', status: 'ISSUED', replacesId: issued.id, amount: { amount: issued.amount.amount } });
      const stale = await t.gql(REISSUE, { id: issued.id, reason: 'もう一度' }, { token: branch.treasurer });
      expect(stale.errors?.[0].extensions?.reason).toBe('RECEIPT_ALREADY_REPLACED');
      const resent = await t.gql(RESEND, { id: reissued.data!.reissueReceipt.id }, { token: branch.treasurer });
      expect(resent.errors).toBeUndefined();
      expect((await t.gql(RESEND, { id: issued.id }, { token: self.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('the donor register (寄附者名簿)', () => {
    it('lists every gift of the book and fiscal year with name, address, amount, date, refunds and receipt, as UTF-8 with BOM or Shift_JIS', async () => {
      const res = await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 2026 }, { token: branch.treasurer });
      expect(res.errors).toBeUndefined();
      const file = res.data!.donorRegisterCsv;
      expect(file).toMatchObject({ encoding: 'UTF8_BOM', contentType: 'text/csv; charset=utf-8' });
      const bytes = Buffer.from(file.base64, 'base64');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe('受領日 / Received on,氏名 / Name,フリガナ / Kana,郵便番号 / Postal code,住所 / Address,金額 / Amount,返金額 / Refunded,基金 / Fund,会員 / Member,受領証明書 / Receipt');
      expect(lines).toHaveLength(file.rows + 1);
      // Fiscal year 2026 (April 2026 – March 2027): the gifts of June 2026, not those of 2025 nor January 2026.
      expect(lines.slice(1).every((l: string) => l.startsWith('2026-06-10'))).toBe(true);
      expect(lines).toContainEqual('2026-06-10,Smith Anna,キフ ハナコ,1500001,東京都渋谷区神宮前1-2-3,10000,0,災害支援基金,,D2026-000001');
      expect(lines.some((l: string) => l.includes(',30000,30000,'))).toBe(true);
      expect(lines.some((l: string) => l.endsWith(',不要'))).toBe(true);

      const sjis = await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 2025, encoding: 'SHIFT_JIS' }, { token: w.admin });
      expect(sjis.data!.donorRegisterCsv).toMatchObject({ encoding: 'SHIFT_JIS', contentType: 'text/csv; charset=Shift_JIS' });
      const sjisBytes = Buffer.from(sjis.data!.donorRegisterCsv.base64, 'base64');
      expect(sjisBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      const decoded = iconv.decode(sjisBytes, 'cp932');
      expect(decoded).toContain('年間 太郎');
      expect(decoded).toContain('2026-01-20');
      expect(decoded).toContain('2025-07-07');
      expect(decoded).not.toContain('2025-01-20');
    });

    it('branch users get their own book only; federation-wide roles every book; members none; bad input is refused', async () => {
      const other = await w.branch();
      expect((await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 2026 }, { token: other.treasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(REGISTER, { bookId: federationBookId, fiscalYear: 2026 }, { token: branch.treasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(REGISTER, { bookId: foundationBookId, fiscalYear: 2025 }, { token: branch.treasurer })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const branchAdmin = await t.signIn(Role.BRANCH_ADMIN, { branchIds: [branch.id] });
      expect((await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 2026 }, { token: branchAdmin.token })).errors).toBeUndefined();
      const auditor = await t.signIn(Role.AUDITOR);
      expect((await t.gql(REGISTER, { bookId: foundationBookId, fiscalYear: 2025 }, { token: auditor.token })).data!.donorRegisterCsv.rows).toBe(1);
      const m = await createPerson(t.app, { branchId: branch.id });
      const memberToken = (await t.signIn(Role.MEMBER, { memberId: m.id })).token;
      expect((await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 2026 }, { token: memberToken })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const grantOfficer = await t.signIn(Role.GRANT_OFFICER);
      expect((await t.gql(REGISTER, { bookId: foundationBookId, fiscalYear: 2025 }, { token: grantOfficer.token })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const badYear = await t.gql(REGISTER, { bookId: branch.bookId, fiscalYear: 1800 }, { token: w.admin });
      expect(badYear.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(badYear.errors?.[0].extensions?.fields)).toContain('fiscalYear');
      const badBook = await t.gql(REGISTER, { bookId: 'not-an-id', fiscalYear: 2026 }, { token: w.admin });
      expect(badBook.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await t.gql(REGISTER, { bookId: randomUUID(), fiscalYear: 2026 }, { token: w.admin })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      // Untyped on purpose: an encoding the schema's enum does not have.
      const badEncoding = await t.gql(REGISTER.text, { bookId: branch.bookId, fiscalYear: 2026, encoding: 'LATIN1' }, { token: w.admin });
      expect(badEncoding.errors).toBeDefined();
    });

    it('the CLI writes the register in Shift_JIS', async () => {
      const cli = await runCli(t.app, ['receipts:donor-register', '--book', foundationBookId, '--fiscal-year', '2025', '--encoding', 'sjis']);
      expect(cli.stderr).toContain('1 gifts');
    });
  });
});
