import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { leafParts, parseMime, partText, type MimePart } from './mime.js';

export interface CapturedAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

export interface CapturedEmail {
  /** SMTP envelope: who the server was told to deliver to. */
  envelope: { from: string; to: string[] };
  headers: Record<string, string>;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  /** The text/plain body, decoded. */
  text: string;
  html: string | null;
  attachments: CapturedAttachment[];
  raw: Buffer;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`: give it to the app as SMTP_URL. */
  url: string;
  messages: CapturedEmail[];
  /** Errors of client connections (a client killed mid-transaction resets its socket): recorded, never fatal. */
  connectionErrors: Error[];
  /** The first message (received already or later) matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (m: CapturedEmail) => boolean, timeoutMs?: number): Promise<CapturedEmail>;
  close(): Promise<void>;
}

function toCaptured(raw: Buffer, envelope: CapturedEmail['envelope']): CapturedEmail {
  const root = parseMime(raw);
  const leaves = leafParts(root);
  const isAttachment = (p: MimePart) => /attachment/i.test(p.headers['content-disposition'] ?? '');
  const textPart = leaves.find((p) => p.contentType === 'text/plain' && !isAttachment(p));
  const htmlPart = leaves.find((p) => p.contentType === 'text/html' && !isAttachment(p));
  return {
    envelope,
    headers: root.headers,
    messageId: root.headers['message-id'] ?? '',
    from: root.headers.from ?? '',
    to: root.headers.to ?? '',
    subject: root.headers.subject ?? '',
    text: textPart ? partText(textPart) : '',
    html: htmlPart ? partText(htmlPart) : null,
    attachments: leaves
      .filter((p) => isAttachment(p) || (p !== textPart && p !== htmlPart))
      .map((p) => ({ filename: /filename="?([^";]+)"?/i.exec(p.headers['content-disposition'] ?? '')?.[1] ?? p.params.name ?? null, contentType: p.contentType, content: p.content })),
    raw,
  };
}

/**
 * A real SMTP server that keeps every message it receives: on a free local port (tests), or on
 * the port given (npm start's development mail catcher, scripts/mail-catcher.ts).
 */
export async function startSmtpCapture(
  options: {
    port?: number;
    host?: string;
    onMessage?: (m: CapturedEmail) => void;
    /** The SMTP reply code with which to refuse a recipient (e.g. 451, 550), or null to accept: a server that refuses for a while. */
    refuse?: (recipient: string) => number | null;
  } = {},
): Promise<SmtpCapture> {
  const host = options.host ?? '127.0.0.1';
  const messages: CapturedEmail[] = [];
  const waiters = new Set<(m: CapturedEmail) => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address) ?? null;
      if (code === null) return callback();
      callback(Object.assign(new Error(`${code} mailbox unavailable, try later (test capture)`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const message = toCaptured(Buffer.concat(chunks), envelope);
        messages.push(message);
        options.onMessage?.(message);
        for (const waiter of [...waiters]) waiter(message);
        callback();
      });
    },
  });
  // smtp-server emits a connection's error on the server when it comes inside a transaction (a worker SIGKILLed
  // while sending resets the socket): without a listener that would crash the process holding the capture.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();

  return {
    url: `smtp://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    messages,
    connectionErrors,
    waitFor(predicate, timeoutMs = 15_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = (m: CapturedEmail) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms; received: ${JSON.stringify(messages.map((m) => [m.envelope.to, m.subject]))}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
