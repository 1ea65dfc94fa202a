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
});
