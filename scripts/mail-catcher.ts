import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtpCapture, type CapturedEmail } from '../libs/testing/src/smtp-capture.js';

/**
 * The development mail catcher (npm start, when SMTP_URL is not set): an SMTP server that keeps
 * every message (libs/testing's SMTP capture) and an inbox on its own port —
 *   GET /                the inbox, newest first          GET /messages/:id       one message
 *   GET /api/messages    the same as JSON                 GET /api/messages/:id   one message as JSON
 *   DELETE /api/messages empties the inbox
 * Each message is also announced on the console with the links it contains (the sign-in link).
 * Development only: it keeps mail in memory and serves it to anyone who can reach the port.
 */
export interface MailCatcher {
  /** Give it to the gateway and the worker as SMTP_URL. */
  smtpUrl: string;
  inboxUrl: string;
  close(): Promise<void>;
}

export interface InboxMessage {
  id: number;
  receivedAt: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
}

const LINK = /https?:\/\/[^\s<>"')]+/g;

function toInbox(m: CapturedEmail, id: number, receivedAt: Date): InboxMessage {
  return { id, receivedAt: receivedAt.toISOString(), from: m.from, to: m.envelope.to.join(', ') || m.to, subject: m.subject, text: m.text, links: m.text.match(LINK) ?? [] };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const linkify = (s: string) => escape(s).replace(LINK, (url) => `<a href="${url}">${url}</a>`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%}td,th{padding:.4rem;border-bottom:1px solid #ddd;text-align:left}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style>
</head><body>${body}</body></html>`;
}

function inboxPage(messages: InboxMessage[]): string {
  const rows = messages
    .map((m) => `<tr><td>${escape(m.receivedAt.slice(0, 19).replace('T', ' '))}</td><td>${escape(m.to)}</td><td><a href="/messages/${m.id}">${escape(m.subject)}</a></td></tr>`)
    .join('');
  return page(
    'Rentai inbox / 受信箱',
    `<h1>Rentai development inbox / 開発用の受信箱</h1><p>Every e-mail the platform sends while SMTP_URL is not set lands here. / SMTP_URL 未設定のとき、送信メールはすべてここに届きます。 <a href="/">↻</a></p>
<table><tr><th>received (UTC) / 受信</th><th>to / 宛先</th><th>subject / 件名</th></tr>${rows || '<tr><td colspan="3">no mail yet / まだメールはありません</td></tr>'}</table>`,
  );
}

function messagePage(m: InboxMessage): string {
  return page(m.subject, `<p><a href="/">← inbox / 受信箱</a></p><h1>${escape(m.subject)}</h1><p>from: ${escape(m.from)}<br>to: ${escape(m.to)}<br>${escape(m.receivedAt)}</p><pre>${linkify(m.text)}</pre>`);
}

export async function startMailCatcher(options: { smtpPort: number; httpPort: number; host: string; announce?: (m: InboxMessage) => void }): Promise<MailCatcher> {
  const inbox: InboxMessage[] = [];
  let next = 1;
  const smtp = await startSmtpCapture({
    port: options.smtpPort,
    host: options.host,
    onMessage: (captured) => {
      const message = toInbox(captured, next++, new Date());
      inbox.push(message);
      // The capture's own list is for tests; the inbox is the catcher's.
      smtp.messages.length = 0;
      options.announce?.(message);
    },
  });

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const one = /^\/(api\/)?messages\/(\d+)$/.exec(path);
    const newest = [...inbox].reverse();
    if (req.method === 'DELETE' && path === '/api/messages') {
      inbox.length = 0;
      return send(res, 200, 'application/json', '[]');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET or DELETE');
    if (path === '/') return send(res, 200, 'text/html', inboxPage(newest));
    if (path === '/api/messages') return send(res, 200, 'application/json', JSON.stringify(newest));
    const message = one && inbox.find((m) => m.id === Number(one[2]));
    if (message) return one![1] ? send(res, 200, 'application/json', JSON.stringify(message)) : send(res, 200, 'text/html', messagePage(message));
    return send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.httpPort, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shown = ['0.0.0.0', '::', '127.0.0.1'].includes(options.host) ? 'localhost' : options.host;
  return {
    smtpUrl: smtp.url,
    inboxUrl: `http://${shown}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await smtp.close();
    },
  };
}
