import { refuse } from '../statement-format.js';

/** One 200-byte Zengin record decoded to one character per byte, with the physical line it came from. */
export interface ZenginRecord {
  line: number;
  text: string;
}

const EOF_BYTE = 0x1a;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Characters a Zengin record may hold: JIS X 0201 roman (digits, upper-case letters, space and
 * a few symbols) and half-width katakana 0xA1–0xDF. Lower case and the other ASCII symbols are not
 * in the set banks write.
 */
const ALLOWED_ASCII = /^[0-9A-Z ()\-.,/\\]$/;

/**
 * Splits a Zengin file into records of `width` bytes the way real files arrive: CR LF, LF, CR or no
 * separator; trailing blanks trimmed by an editor (restored: the fields there are blank or the
 * numeric check refuses them); an EOF byte (0x1A) at the end. Anything longer than a record, a
 * separator-less file that is not a multiple of the width, a byte outside JIS X 0201, or a UTF-8
 * file is refused with its line.
 */
export function zenginRecords(bytes: Uint8Array, width = 200): ZenginRecord[] {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === EOF_BYTE || bytes[end - 1] === CR || bytes[end - 1] === LF)) end -= 1;
  if (end === 0) refuse(1, 'EMPTY_FILE', 'ファイルが空です', 'The file is empty');
  const body = bytes.subarray(0, end);
  if (looksLikeUtf8(body)) refuse(1, 'NOT_SHIFT_JIS', 'UTF-8 のファイルです。全銀ファイルは Shift_JIS (JIS X 0201) で作成してください', 'This is a UTF-8 file; a Zengin file must be Shift_JIS (JIS X 0201)');
  const raw = body.includes(CR) || body.includes(LF) ? splitLines(body) : splitFixed(body, width);
  return raw.map((chunk, index) => {
    const line = index + 1;
    if (chunk.length > width) refuse(line, 'RECORD_LENGTH', `レコード長が ${chunk.length} バイトです (${width} バイトのはず)`, `The record is ${chunk.length} bytes long, not ${width}`);
    return { line, text: decode(chunk, line).padEnd(width, ' ') };
  });
}

function splitLines(body: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i += 1) {
    if (i === body.length || body[i] === CR || body[i] === LF) {
      out.push(body.subarray(start, i));
      if (body[i] === CR && body[i + 1] === LF) i += 1;
      start = i + 1;
    }
  }
  return out;
}

function splitFixed(body: Uint8Array, width: number): Uint8Array[] {
  if (body.length % width !== 0) {
    refuse(
      Math.floor(body.length / width) + 1,
      'RECORD_LENGTH',
      `区切りのないファイルの長さ ${body.length} バイトが ${width} の倍数ではありません`,
      `A file without record separators must be a multiple of ${width} bytes; this one is ${body.length}`,
    );
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < body.length; i += width) out.push(body.subarray(i, i + width));
  return out;
}

function decode(chunk: Uint8Array, line: number): string {
  let text = '';
  for (let i = 0; i < chunk.length; i += 1) {
    const b = chunk[i];
    let c: string | null = null;
    if (b >= 0xa1 && b <= 0xdf) c = String.fromCharCode(0xff61 + b - 0xa1);
    else if (b >= 0x20 && b <= 0x7e && ALLOWED_ASCII.test(String.fromCharCode(b))) c = String.fromCharCode(b);
    if (c === null) {
      const shown = b >= 0x20 && b <= 0x7e ? `'${String.fromCharCode(b)}'` : `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
      refuse(line, 'INVALID_CHARACTER', `${i + 1} バイト目の文字 ${shown} は全銀の文字セットにありません`, `Byte ${i + 1} (${shown}) is not in the Zengin character set`);
    }
    text += c;
  }
  return text;
}

/** True when the bytes decode as UTF-8 and hold three- or four-byte sequences (katakana in UTF-8). */
function looksLikeUtf8(body: Uint8Array): boolean {
  let multi = false;
  for (let i = 0; i < body.length; i += 1) {
    const b = body[i];
    if (b < 0x80) continue;
    const n = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b <= 0xdf ? 1 : -1;
    if (n < 0) return false;
    for (let k = 1; k <= n; k += 1) if (i + k >= body.length || (body[i + k] & 0xc0) !== 0x80) return false;
    if (n >= 2) multi = true; // JIS X 0201 bytes never reach 0xE0: a three-byte sequence is UTF-8
    i += n;
  }
  return multi;
}
