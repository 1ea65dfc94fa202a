import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, IssuerConfig, TransactionService } from '#core';
import { EmailOutbox, EmailSendProcessor, NotificationsWorkerModule } from '#notifications';
import { JAPANESE_FONT_PATH, ReceiptKind, renderReceiptPdf, type ReceiptDocument } from '#receipts';
import { startSmtpCapture } from '#testing';
import { createBenchDatabase } from './support/bench-database.js';
import { fmt, median, type BenchResult } from './bench-result.js';

/**
 * Receipt PDFs (A4, Japanese text, Noto Sans JP subset embedded) rendered one after another in
 * one process — what one worker does — with the font's bytes read once per process, against the
 * same rendering with the 5 MB font read from disk for every document. Then e-mails with such a
 * PDF attached, sent by the real `email.send` processor (claim, SMTP, mark SENT) one at a time
 * to a local SMTP server (the capture the tests use).
 *
 * RECEIPTS_BENCH_PDFS (default 1,000; BENCH_QUICK=1: 200), RECEIPTS_BENCH_EMAILS (default 500; quick 100), 3 runs each.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const PDFS = Number(process.env.RECEIPTS_BENCH_PDFS ?? (QUICK ? 200 : 1000));
const EMAILS = Number(process.env.RECEIPTS_BENCH_EMAILS ?? (QUICK ? 100 : 500));
const RUNS = 3;
const log = (line: string) => process.stderr.write(`receipts: ${line}\n`);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽子', '翔', '真理'];
const issuer = IssuerConfig.fromEnv({}).federation;

function receipt(i: number): ReceiptDocument {
  return {
    number: `R2026-${String(i + 1).padStart(6, '0')}`,
    kind: ReceiptKind.DUES,
    void: false,
    issuedOn: '2026-06-15',
    receivedOn: '2026-06-14',
    recipientName: `${FAMILY[i % FAMILY.length]} ${GIVEN[(i >> 3) % GIVEN.length]}`,
    recipientPostalCode: '1600023',
    recipientAddress: `東京都新宿区西新宿${(i % 9) + 1}-${(i % 30) + 1}-${(i % 12) + 1}`,
    amount: BigInt(3000 + (i % 10) * 1000),
    currency: 'JPY',
    purpose: `2026年度 会費 (2026-04-01〜2027-03-31, 請求番号 T01-2026-${String(i + 1).padStart(6, '0')})`,
    issuer,
    office: '東京支部',
    replacesNumber: null,
    stampBox: false,
  };
}

/** Wall-clock rate, and the rate per second of this process's CPU (the machine is shared: the second is the steadier figure). */
async function pdfRun(count: number, font: () => Buffer | undefined, shareWork = true): Promise<{ perSecond: number; perCpuSecond: number; meanBytes: number }> {
  let bytes = 0;
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) bytes += (await renderReceiptPdf(receipt(i), font(), shareWork)).length;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds(start), perCpuSecond: count / ((used.user + used.system) / 1e6), meanBytes: bytes / count };
}

@Module({ imports: [CoreModule.forRoot(), NotificationsWorkerModule] })
class EmailBenchModule {}

/** E-mails sent per second by `lanes` concurrent sends (1: one at a time; 4: the worker's concurrency on the emails queue). */
async function emailRuns(attachment: Buffer, lanes: number): Promise<number[]> {
  const capture = await startSmtpCapture();
  const database = await createBenchDatabase('rentai_bench_receipts');
  Object.assign(process.env, { DATABASE_URL: database.url, SMTP_URL: capture.url, MAIL_FROM: 'no-reply@rentai.example.jp', SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('hex'), QUEUE_PREFIX: 'bench-receipts' });
  const app = await NestFactory.createApplicationContext(EmailBenchModule, { logger: ['error'] });
  try {
    const outbox = app.get(EmailOutbox);
    const processor = app.get(EmailSendProcessor);
    const tx = app.get(TransactionService);
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const ids: string[] = [];
      for (let i = 0; i < EMAILS; i++) {
        ids.push(
          await tx.run(() =>
            outbox.queue({
              idempotencyKey: `bench:${lanes}:${run}:${i}`,
              to: `member-${i}@example.jp`,
              template: 'receipt-issued',
              locale: 'ja',
              params: { recipientName: '山田 太郎', receiptNumber: `R2026-${String(i + 1).padStart(6, '0')}`, title: '領収書', titleEn: 'Receipt', amount: '￥3,000', purpose: '2026年度 会費' },
              attachments: [{ filename: 'receipt.pdf', contentType: 'application/pdf', content: attachment }],
            }),
          ),
        );
      }
      const before = capture.messages.length;
      const start = process.hrtime.bigint();
      let next = 0;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < ids.length) await processor.send({ emailId: ids[next++] });
        }),
      );
      while (capture.messages.length < before + EMAILS) await new Promise((resolve) => setTimeout(resolve, 5));
      rates.push(EMAILS / seconds(start));
      log(`e-mails (${lanes} at a time) run ${run + 1}: ${fmt(rates.at(-1)!, 1)}/s`);
    }
    return rates;
  } finally {
    await app.close();
    await capture.close();
    await database.drop();
  }
}

export async function run(): Promise<BenchResult> {
  await pdfRun(20, () => undefined); // warm up: the font read and parsed, the JIT warm
  const once: Awaited<ReturnType<typeof pdfRun>>[] = [];
  const reread: Awaited<ReturnType<typeof pdfRun>>[] = [];
  const unshared: Awaited<ReturnType<typeof pdfRun>>[] = [];
  for (let r = 0; r < RUNS; r++) {
    once.push(await pdfRun(PDFS, () => undefined));
    log(`PDFs, font read once, layouts and glyphs shared, run ${r + 1}: ${fmt(once.at(-1)!.perSecond, 1)}/s (${fmt(once.at(-1)!.perCpuSecond, 1)} per CPU second)`);
    unshared.push(await pdfRun(PDFS, () => undefined, false));
    log(`PDFs, font read once, each document laying out and subsetting afresh, run ${r + 1}: ${fmt(unshared.at(-1)!.perSecond, 1)}/s (${fmt(unshared.at(-1)!.perCpuSecond, 1)} per CPU second)`);
    reread.push(await pdfRun(Math.max(50, PDFS / 5), () => readFileSync(JAPANESE_FONT_PATH)));
    log(`PDFs, font read per document, run ${r + 1}: ${fmt(reread.at(-1)!.perSecond, 1)}/s (${fmt(reread.at(-1)!.perCpuSecond, 1)} per CPU second)`);
  }
  const attachment = await renderReceiptPdf(receipt(0));
  const emails = await emailRuns(attachment, 1);
  const emails4 = await emailRuns(attachment, 4);
  const rate = median(once.map((o) => o.perSecond));
  const baseline = median(reread.map((o) => o.perSecond));
  const cpuRate = median(once.map((o) => o.perCpuSecond));
  const cpuBaseline = median(reread.map((o) => o.perCpuSecond));
  const cpuUnshared = median(unshared.map((o) => o.perCpuSecond));
  return {
    name: 'Receipts: PDFs and e-mails per second, one worker',
    markdown: `
| what | median of ${RUNS} runs |
| --- | --- |
| receipt PDFs per second, one process, font read and parsed once, word layouts and glyph records shared between documents (${fmt(PDFS)} per run) | **${fmt(rate, 1)}/s** wall clock, **${fmt(cpuRate, 1)}** per CPU second |
| the same, nothing shared between documents but the parsed font (each lays out its words and reads its glyphs afresh) | ${fmt(median(unshared.map((o) => o.perSecond)), 1)}/s wall clock, ${fmt(cpuUnshared, 1)} per CPU second (${fmt(cpuRate / cpuUnshared, 2)}× fewer) |
| the same, the font read and parsed for every document (${fmt(Math.max(50, PDFS / 5))} per run) | ${fmt(baseline, 1)}/s wall clock, ${fmt(cpuBaseline, 1)} per CPU second (${fmt(cpuRate / cpuBaseline, 2)}× fewer) |
| mean PDF size (A4, Noto Sans JP subset embedded) | ${fmt(median(once.map((o) => o.meanBytes)) / 1024, 1)} KiB |
| e-mails with that PDF attached, sent by \`email.send\` one at a time to the local SMTP capture (${fmt(EMAILS)} per run) | **${fmt(median(emails), 1)}/s** |
| the same, 4 at a time (the worker's concurrency on the emails queue), over nodemailer's SMTP pool | **${fmt(median(emails4), 1)}/s** (${fmt(median(emails4) / median(emails), 2)}×) |

Load average during the run: ${os.loadavg().map((l) => fmt(l, 1)).join(', ')} on ${os.cpus().length} cores (other work shares the machine; per CPU second is the steadier figure).
Rendering is pdfkit 0.20 with \`@expo-google-fonts/noto-sans-jp\` 400 Regular (5.2 MB TTF); each
document embeds only the glyphs it uses. Profile (node --cpu-prof) with only the parsed font shared: the subset's
glyph records decoded again per document (~26% of a render), word layout and its scaling (~20%), deflate
(~12%). Now shared per process: each word's scaled layout and each glyph's glyf bytes (receipt-font.ts);
the bytes written are the same (receipt-pdf.spec). What remains: pdfkit's line wrapping, deflate of the
content and font streams (kept: without it the mean file would grow), the subset's table encoding.
The figures are for rendering alone (the worker also stores
the bytes and queues the e-mail in one short transaction per receipt). E-mails: claim (UPDATE,
committed), render the template, SMTP over loopback with the attachment, mark SENT.`,
  };
}
