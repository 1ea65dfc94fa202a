import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

describe('startSmtpCapture', () => {
  let capture: SmtpCapture;
  beforeAll(async () => {
    capture = await startSmtpCapture();
  });
  afterAll(async () => {
    await capture.close();
  });

  const send = (options: SendMailOptions) => nodemailer.createTransport(capture.url).sendMail({ from: 'no-reply@rentai.example.jp', ...options });

  it.each(['base64', 'quoted-printable'] as const)('decodes a Japanese subject and a %s body', async (textEncoding) => {
    await send({ to: `会員 <member-${textEncoding}@example.jp>`, subject: `会費のお知らせ ${textEncoding}`, text: `山田 太郎 様\n\n年会費 3,000円 をお支払いください。\n${'長い行'.repeat(40)}`, textEncoding });
    const mail = await capture.waitFor((m) => m.envelope.to.includes(`member-${textEncoding}@example.jp`));
    expect(mail.raw.toString('latin1')).toContain(`Content-Transfer-Encoding: ${textEncoding}`);
    expect(mail.subject).toBe(`会費のお知らせ ${textEncoding}`);
    expect(mail.text).toContain('年会費 3,000円 をお支払いください。');
    expect(mail.text).toContain('長い行'.repeat(40));
    expect(mail.to).toContain('member-');
  });

  it('reads a message with an attachment', async () => {
    await send({ to: 'pdf@example.jp', subject: 'receipt', text: 'see attached', attachments: [{ filename: 'receipt.pdf', content: Buffer.from('%PDF-1.7 fake'), contentType: 'application/pdf' }] });
    const mail = await capture.waitFor((m) => m.envelope.to.includes('pdf@example.jp'));
    expect(mail.text.trim()).toBe('see attached');
    expect(mail.attachments).toEqual([{ filename: 'receipt.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 fake') }]);
  });

  it('waitFor rejects naming what arrived when nothing matches', async () => {
    await expect(capture.waitFor((m) => m.subject === 'never', 50)).rejects.toThrow(/No matching e-mail/);
  });

  it('survives a client that resets its connection inside a transaction (a worker SIGKILLed mid-send): recorded, and the next message arrives', async () => {
    const before = capture.connectionErrors.length;
    const { port } = new URL(capture.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let step = 0;
      const lines = ['EHLO killed.example.jp', 'MAIL FROM:<no-reply@rentai.example.jp>', 'RCPT TO:<cut@example.jp>', 'DATA'];
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        if (step < lines.length && /^(220|250|354) /m.test(chunk.toString())) socket.write(`${lines[step++]}\r\n`);
        else if (step === lines.length && /^354 /m.test(chunk.toString())) {
          // Half the message on its way, then a reset (RST), as a killed process's socket would end.
          socket.write('Subject: cut\r\n\r\nhalf a message', () =>
            setTimeout(() => {
              socket.resetAndDestroy();
              resolve();
            }, 50),
          );
        }
      });
    });
    await until(() => capture.connectionErrors.length > before);
    expect(capture.connectionErrors.at(-1)).toMatchObject({ code: 'ECONNRESET' });
    await send({ to: 'after-reset@example.jp', subject: 'after', text: 'still here' });
    await capture.waitFor((m) => m.envelope.to.includes('after-reset@example.jp'));
    expect(capture.messages.filter((m) => m.envelope.to.includes('cut@example.jp'))).toEqual([]);
  });
});

async function until(probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
