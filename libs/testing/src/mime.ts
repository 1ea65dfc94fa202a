/**
 * Just enough MIME for tests to read what nodemailer sends: unfolded headers,
 * RFC 2047 encoded words, base64 / quoted-printable bodies, nested multiparts and
 * attachments. Not a general-purpose parser (mailparser is not a dependency).
 */
export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  params: Record<string, string>;
  /** Decoded body bytes (transfer encoding undone). */
  content: Buffer;
  parts: MimePart[];
}

export function parseMime(raw: Buffer): MimePart {
  const text = raw.toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const bodyText = split ? text.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const [contentType, params] = parseHeaderValue(headers['content-type'] ?? 'text/plain; charset=utf-8');
  if (contentType.startsWith('multipart/') && params.boundary) {
    return { headers, contentType, params, content: Buffer.alloc(0), parts: splitMultipart(bodyText, params.boundary).map((p) => parseMime(Buffer.from(p, 'latin1'))) };
  }
  return { headers, contentType, params, content: decodeTransfer(bodyText, headers['content-transfer-encoding']), parts: [] };
}

/** Header names lower-cased, folded lines joined, encoded words decoded. */
function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = decodeWords(Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
  }
  return headers;
}

/** `text/plain; charset="utf-8"` → ['text/plain', { charset: 'utf-8' }]. */
function parseHeaderValue(value: string): [string, Record<string, string>] {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return [type.trim().toLowerCase(), params];
}

/** RFC 2047: `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=`; whitespace between adjacent words is dropped. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, data: string) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : qDecode(data.replace(/_/g, ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}

function qDecode(data: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(data.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeTransfer(body: string, encoding = '7bit'): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return qDecode(body.replace(/=\r?\n/g, ''));
    default:
      return Buffer.from(body, 'latin1');
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  for (const chunk of body.split(new RegExp(`\\r?\\n?${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^[ \t]*\r?\n/, ''));
  }
  return parts;
}

/** The text of a part in its declared charset. */
export function partText(part: MimePart): string {
  return new TextDecoder(part.params.charset ?? 'utf-8').decode(part.content);
}

/** Every leaf part, depth first. */
export function leafParts(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leafParts);
}
