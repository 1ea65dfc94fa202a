import { describe, expect, it } from '@jest/globals';
import { decodeWords, leafParts, parseMime, partText } from './mime.js';

describe('the test MIME reader', () => {
  it('decodes B and Q encoded words, joining adjacent ones', () => {
    expect(decodeWords('=?UTF-8?B?5Lya6LK7?= =?UTF-8?B?44Gu44GK55+l44KJ44Gb?=')).toBe('会費のお知らせ');
    expect(decodeWords('=?UTF-8?Q?Caf=C3=A9_du_jour?=')).toBe('Café du jour');
    expect(decodeWords('plain subject')).toBe('plain subject');
  });

  it('reads folded headers and a quoted-printable body with soft line breaks', () => {
    const raw = Buffer.from(
      ['Subject: =?UTF-8?B?5Lya6LK7?=', ' =?UTF-8?B?44Gu44GK55+l44KJ44Gb?=', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', '=E5=B9=B4=E4=BC=9A=E8=B2=BB=', ' 3,000=E5=86=86', ''].join('\r\n'),
      'latin1',
    );
    const part = parseMime(raw);
    expect(part.headers.subject).toBe('会費のお知らせ');
    expect(partText(part)).toBe('年会費 3,000円\r\n');
  });

  it('splits a multipart message into its leaves', () => {
    const raw = Buffer.from(
      [
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('領収書を添付します').toString('base64'),
        '--b1',
        'Content-Type: application/pdf; name=r.pdf',
        'Content-Disposition: attachment; filename="r.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
      'latin1',
    );
    const [text, pdf] = leafParts(parseMime(raw));
    expect(partText(text)).toBe('領収書を添付します');
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.content.toString()).toBe('%PDF');
  });
});
