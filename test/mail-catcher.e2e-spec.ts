import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import nodemailer from 'nodemailer';
import { startMailCatcher, type InboxMessage, type MailCatcher } from '../scripts/mail-catcher.js';

/** npm start's development mail catcher: real SMTP in, an inbox page and JSON out, each message announced with its links. */
describe('the development mail catcher', () => {
  let catcher: MailCatcher;
  const announced: InboxMessage[] = [];

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, host: '127.0.0.1', announce: (m) => announced.push(m) });
    const transport = nodemailer.createTransport(catcher.smtpUrl);
    await transport.sendMail({
      from: 'no-reply@rentai.example.jp',
      to: 'hanako@example.jp',
      subject: 'サインイン用リンク <Rentai>',
      text: '次のリンクからサインインしてください:\nhttp://localhost:3000/sign-in?token=abc_DEF-123\n',
      textEncoding: 'base64',
    });
    transport.close();
  });
  afterAll(async () => {
    await catcher.close();
  });

  const get = (path: string) => fetch(`${catcher.inboxUrl.replace('localhost', '127.0.0.1')}${path}`);

  it('keeps the message and lists it as JSON, with its links, newest first', async () => {
    const messages = (await (await get('/api/messages')).json()) as InboxMessage[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: 1, to: 'hanako@example.jp', subject: 'サインイン用リンク <Rentai>', links: ['http://localhost:3000/sign-in?token=abc_DEF-123'] });
    expect(announced.map((m) => m.links)).toEqual([['http://localhost:3000/sign-in?token=abc_DEF-123']]);
  });

  it('shows an inbox page and the message with its link clickable, the text escaped', async () => {
    const inbox = await (await get('/')).text();
    expect(inbox).toContain('サインイン用リンク &#60;Rentai&#62;');
    expect(inbox).toContain('href="/messages/1"');
    const message = await (await get('/messages/1')).text();
    expect(message).toContain('<a href="http://localhost:3000/sign-in?token=abc_DEF-123">');
    expect((await get('/messages/99')).status).toBe(404);
  });

  it('empties the inbox on DELETE', async () => {
    await fetch(`${catcher.inboxUrl.replace('localhost', '127.0.0.1')}/api/messages`, { method: 'DELETE' });
    expect(await (await get('/api/messages')).json()).toEqual([]);
  });
});
