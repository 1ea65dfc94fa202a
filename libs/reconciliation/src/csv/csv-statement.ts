import { zenginForm } from '../matching/payer-name.js';
import { refuse, type ParsedLine, type ParsedStatement } from '../statement-format.js';
import type { CsvProfile } from './csv-profile.js';

/**
 * A bank's CSV statement read through its profile: decoded (Shift_JIS refused when it is not,
 * UTF-8 with or without BOM), the header checked against the profile's columns, each row's date
 * and amount parsed. Any row that does not fit refuses the file with its row number.
 */
export function parseCsvStatement(bytes: Uint8Array, profile: CsvProfile): ParsedStatement {
  const text = decode(bytes, profile);
  const rows = parseRows(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) refuse(1, 'EMPTY_FILE', 'ファイルが空です', 'The file is empty');
  const header = rows[0].cells.map((c) => c.trim());
  const index = (name: string | null | undefined, required: boolean): number => {
    if (!name) return -1;
    const at = header.indexOf(name);
    if (at < 0 && required) {
      refuse(rows[0].line, 'CSV_COLUMNS', `列「${name}」がありません (プロファイル ${profile.code})。見出し: ${header.join(', ')}`, `Column "${name}" is missing (profile ${profile.code}); the header has ${header.join(', ')}`);
    }
    return at;
  };
  const c = profile.columns;
  const date = index(c.date, true);
  const payer = index(c.payer, true);
  const memo = index(c.memo, false);
  const amount = index(c.amount, !c.amountIn);
  const amountIn = index(c.amountIn, !c.amount);
  const amountOut = index(c.amountOut, !c.amount);
  const seen = new Map<string, number>();
  const lines: ParsedLine[] = rows.slice(1).map(({ line, cells }) => {
    if (cells.length < header.length) {
      refuse(line, 'CSV_COLUMNS', `列が ${cells.length} 個しかありません (見出しは ${header.length} 列)`, `The row has ${cells.length} columns; the header has ${header.length}`);
    }
    let value: bigint;
    let direction: 'IN' | 'OUT';
    if (amount >= 0) {
      value = money(cells[amount], line, c.amount!, true);
      direction = value < 0n ? 'OUT' : 'IN';
      if (value < 0n) value = -value;
    } else {
      const inValue = cells[amountIn].trim() === '' ? 0n : money(cells[amountIn], line, c.amountIn!, false);
      const outValue = amountOut >= 0 && cells[amountOut].trim() !== '' ? money(cells[amountOut], line, c.amountOut!, false) : 0n;
      if ((inValue === 0n) === (outValue === 0n)) {
        refuse(line, 'CSV_AMOUNT', '入金と出金のどちらか一方だけに金額を書いてください', 'Exactly one of the in and out amounts must be given');
      }
      direction = inValue > 0n ? 'IN' : 'OUT';
      value = inValue > 0n ? inValue : outValue;
    }
    const bookedOn = parseDate(cells[date], line, profile.dateFormat);
    const payerName = zenginForm(cells[payer] ?? '');
    const key = `${bookedOn}|${direction}|${value}|${payerName}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      line,
      reference: '',
      bookedOn,
      valueOn: null,
      direction,
      kind: 'NORMAL',
      transactionType: null,
      amount: value,
      payerCode: '',
      payerName,
      remitterBank: '',
      remitterBranch: '',
      memo: memo >= 0 ? zenginForm(cells[memo] ?? '') : '',
      edi: '',
    };
  });
  const dates = lines.map((l) => l.bookedOn).sort();
  return {
    format: 'CSV',
    accounts: [{ headerLine: 1, bankCode: null, branchCode: null, accountType: null, accountNumber: null, accountName: '', from: dates[0] ?? null, to: dates[dates.length - 1] ?? null, openingBalance: null, closingBalance: null, lines }],
  };
}

function decode(bytes: Uint8Array, profile: CsvProfile): string {
  if (profile.encoding === 'UTF8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      return refuse(1, 'NOT_SHIFT_JIS', 'UTF-8 として読めません (プロファイルは UTF-8)', 'The file is not UTF-8 (the profile says UTF-8)');
    }
  }
  const utf8 = (() => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  })();
  if (utf8 !== null && /[^\x00-\x7f]/.test(utf8)) {
    refuse(1, 'NOT_SHIFT_JIS', 'UTF-8 のファイルです。このプロファイルは Shift_JIS のファイルを読みます', 'This is a UTF-8 file; this profile reads Shift_JIS');
  }
  try {
    return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
  } catch {
    return refuse(1, 'NOT_SHIFT_JIS', 'Shift_JIS として読めません', 'The file is not valid Shift_JIS');
  }
}

/** RFC 4180 rows (quoted cells, doubled quotes, CR LF / LF), each with its 1-based line number. */
export function parseRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line += 1;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows;
}

function money(raw: string, line: number, column: string, signed: boolean): bigint {
  const s = raw.normalize('NFKC').replace(/[,¥\\円\s]/g, '');
  if (!(signed ? /^[-+]?[0-9]+$/ : /^[0-9]+$/).test(s)) refuse(line, 'CSV_AMOUNT', `列「${column}」の金額が読めません: "${raw}"`, `The amount in column "${column}" does not parse: "${raw}"`);
  return BigInt(s);
}

const ERAS: Record<string, number> = { R: 2018, 令和: 2018, H: 1988, 平成: 1988 };

function parseDate(raw: string, line: number, format: 'YMD' | 'ERA'): string {
  const s = raw.normalize('NFKC').trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if (format === 'ERA' && (match = /^(R|H|令和|平成)(\d{1,2})[./年](\d{1,2})[./月](\d{1,2})日?$/.exec(s))) {
    [y, m, d] = [ERAS[match[1]] + Number(match[2]), Number(match[3]), Number(match[4])];
  } else if ((match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)) || (match = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return refuse(line, 'DATE', `日付が読めません: "${raw}"`, `The date does not parse: "${raw}"`);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) refuse(line, 'DATE', `日付が存在しません: "${raw}"`, `No such date: "${raw}"`);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
