import type { ExpectedInvoice } from './expectations.js';
import { zenginForm } from './payer-name.js';

/**
 * Statements with realistic noise, labelled with the right answer: for the matcher's accuracy test,
 * the benchmark and the demo. Deterministic for a seed.
 */

export type Label = { kind: 'INVOICES'; invoiceIds: string[] } | { kind: 'NONE' } | { kind: 'INTEREST' };

export interface LabelledLine {
  amount: bigint;
  bookedOn: string;
  payerName: string;
  memo: string;
  label: Label;
  /** What noise made the line (for reading a failure). */
  noise: string;
}

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['ヤマダ', 'スズキ', 'タナカ', 'サトウ', 'タカハシ', 'ワタナベ', 'イトウ', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ', 'ヤマモト', 'ササキ', 'ヤマグチ', 'マツモト', 'イノウエ', 'キムラ', 'ハヤシ', 'シミズ', 'ヤマザキ', 'モリ', 'アベ', 'イケダ', 'ハシモト', 'ヤマシタ', 'イシカワ', 'ナカジマ', 'マエダ', 'フジタ', 'オガワ', 'ゴトウ', 'オカダ', 'ハセガワ', 'ムラカミ', 'コンドウ', 'イシイ', 'サイトウ', 'ウエダ', 'モリタ', 'ハラダ', 'シバタ', 'サカイ', 'クドウ', 'ヨコヤマ', 'ミヤザキ', 'ミヤモト', 'ウチダ', 'サカモト', 'エンドウ', 'アオキ', 'フジイ', 'ニシムラ', 'フクダ', 'オオタ', 'ミウラ', 'フジワラ', 'オカモト', 'マツダ', 'ナカガワ', 'ナカノ'];
const GIVEN = ['タロウ', 'ハナコ', 'ショウタ', 'ユウキ', 'ミサキ', 'ケンジ', 'リョウ', 'アヤカ', 'シュンスケ', 'ジュンコ', 'キョウコ', 'ヒロシ', 'マサヒロ', 'チヒロ', 'ダイスケ', 'ユウコ', 'ショウコ', 'リュウジ', 'ミユキ', 'ヨウコ', 'カズヤ', 'ナオミ', 'トオル', 'シャーロット', 'ジョージ', 'メグミ', 'タクヤ', 'サチコ', 'ユウタ', 'アキラ', 'マユミ', 'ケイコ', 'ヒトミ', 'ツヨシ', 'ノゾミ', 'リエ', 'サトシ', 'マコト', 'エミ', 'ショウヘイ', 'ハルカ', 'ソウタ', 'ミオ', 'レン', 'ユイ', 'ハルト', 'アオイ', 'イツキ', 'サクラ', 'ヒナタ', 'コウキ', 'ナナミ', 'ユウト', 'カナ', 'ヒロキ', 'マイ', 'ケンタ', 'アイ', 'タイチ', 'モモカ'];
const COMPANY = ['ケアサービス', 'カイゴセンター', 'ヒカリケア', 'サクラホーム', 'アオバフクシ', 'ミドリノサト', 'ヒマワリカイゴ', 'ワカバケア', 'コスモスサポート', 'ツバサホームヘルプ'];
const FORMS: [string, string][] = [
  ['カブシキガイシャ ', 'ｶ)'],
  ['ユウゲンガイシャ ', 'ﾕ)'],
  ['イッパンシャダンホウジン ', 'ｼﾔ)'],
];

export interface GeneratedBranch {
  invoices: ExpectedInvoice[];
  lines: LabelledLine[];
}

/** Members (people, households, organizations) with open invoices, and a labelled statement paying some of them. */
export function generateLabelledStatement(seed: number, options: { members: number; lines: number; code?: string; year?: number }): GeneratedBranch {
  const rng = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)];
  const code = options.code ?? 'TKY';
  const year = options.year ?? 2026;
  const invoices: ExpectedInvoice[] = [];
  const members: { id: string; number: string; kana: string; group: string | null; org: [string, string] | null; invoices: ExpectedInvoice[] }[] = [];
  let sequence = 0;
  const names = new Set<string>();
  for (let m = 0; m < options.members; m += 1) {
    const org = rng() < 0.08;
    const household = !org && m > 0 && rng() < 0.1 && members[m - 1].org === null;
    const form = org ? pick(FORMS) : null;
    let kana = '';
    // Names in one branch are mostly distinct (a real roll has few exact namesakes).
    for (let attempt = 0; attempt < 20 && (kana === '' || names.has(kana)); attempt += 1) {
      kana = org ? `${form![0]}${pick(COMPANY)}${pick(['', 'トウキョウ', 'ヨコハマ', 'サイタマ', 'チバ', 'カワサキ'])}` : `${household ? members[m - 1].kana.split(' ')[0] : pick(FAMILY)} ${pick(GIVEN)}`;
    }
    names.add(kana);
    const group = household ? (members[m - 1].group ?? `H${m - 1}`) : null;
    if (household) members[m - 1].group = group;
    const member = { id: `member-${m}`, number: org ? `O${String(m + 1).padStart(6, '0')}` : `P${String(m + 1).padStart(7, '0')}`, kana, group, org: form, invoices: [] as ExpectedInvoice[] };
    const count = rng() < 0.15 ? 2 : 1;
    for (let k = 0; k < count; k += 1) {
      sequence += 1;
      const invoice: ExpectedInvoice = {
        invoiceId: `invoice-${sequence}`,
        number: `${code}-${year - k}-${String(sequence).padStart(6, '0')}`,
        memberId: member.id,
        memberNumber: member.number,
        memberKana: kana,
        outstanding: org ? pick([30000n, 50000n]) : pick([6000n, 12000n, 3000n]),
        dueOn: `${year - k}-04-30`,
        groupKey: group,
      };
      member.invoices.push(invoice);
      invoices.push(invoice);
    }
    members.push(member);
  }
  const groups = new Map<string, typeof members>();
  for (const m of members) {
    if (!m.group) continue;
    for (const i of m.invoices) i.groupKey = m.group;
    groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  }

  const lines: LabelledLine[] = [];
  const used = new Set<string>();
  const day = () => `${year}-04-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  while (lines.length < options.lines) {
    const r = rng();
    if (r < 0.04) {
      lines.push({ amount: BigInt(1 + Math.floor(rng() * 300)), bookedOn: day(), payerName: '', memo: pick(['ﾘｿｸ', 'ﾌﾂｳﾘｿｸ', 'ｹﾂｻﾝ ﾘｿｸ']), label: { kind: 'INTEREST' }, noise: 'interest' });
      continue;
    }
    if (r < 0.1) {
      const unknown = `${zenginForm(pick(['オオノ', 'クボ', 'ヒラノ', 'ノムラ', 'アライ']))} ${zenginForm(pick(GIVEN))}`;
      lines.push({ amount: pick([6000n, 12000n, 5000n, 10000n]), bookedOn: day(), payerName: unknown, memo: '', label: { kind: 'NONE' }, noise: 'unknown payer' });
      continue;
    }
    const member = pick(members);
    if (used.has(member.id)) continue;
    used.add(member.id);
    const { name, noise } = payerNameFor(member, rng);
    if (r < 0.16 && member.group) {
      const others = (groups.get(member.group) ?? []).filter((o) => o.id !== member.id && !used.has(o.id));
      if (others.length > 0) {
        const other = others[0];
        used.add(other.id);
        const both = [...member.invoices, ...other.invoices];
        const family = zenginForm(member.kana.split(' ')[0]);
        const payer = `${family} ${zenginForm(member.kana.split(' ')[1])} ${zenginForm(other.kana.split(' ')[1])}`;
        lines.push({ amount: both.reduce((s, i) => s + i.outstanding, 0n), bookedOn: day(), payerName: payer, memo: '', label: { kind: 'INVOICES', invoiceIds: both.map((i) => i.invoiceId) }, noise: 'two members of one household' });
        continue;
      }
    }
    if (r < 0.22) {
      const first = member.invoices.sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
      lines.push({ amount: first.outstanding - pick([1000n, 500n, 2000n]), bookedOn: day(), payerName: name, memo: '', label: { kind: 'INVOICES', invoiceIds: [first.invoiceId] }, noise: `short payment, ${noise}` });
      continue;
    }
    const pays = rng() < 0.7 || member.invoices.length === 1 ? member.invoices : [member.invoices.sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0]];
    lines.push({ amount: pays.reduce((s, i) => s + i.outstanding, 0n), bookedOn: day(), payerName: name, memo: '', label: { kind: 'INVOICES', invoiceIds: pays.map((i) => i.invoiceId) }, noise });
  }
  return { invoices, lines };
}

/** The payer name a member's transfer shows: number or not, spaces or not, legal form before or after, cut at a width. */
export function payerNameFor(member: { number: string; kana: string; org: [string, string] | null }, rng: () => number): { name: string; noise: string } {
  const noise: string[] = [];
  let name = member.org ? member.kana.replace(member.org[0], '') : member.kana;
  name = zenginForm(name);
  if (member.org) {
    if (rng() < 0.5) {
      name = member.org[1] + name;
      noise.push('legal form before');
    } else {
      name = name + '(' + member.org[1].replace(')', '');
      noise.push('legal form after');
    }
  } else if (rng() < 0.3) {
    name = name.replace(' ', '');
    noise.push('no space');
  }
  const n = rng();
  if (n < 0.3) {
    name = `${member.number} ${name}`;
    noise.push('member number');
  } else if (n < 0.45) {
    name = `${member.number.slice(1)}${rng() < 0.5 ? ' ' : ''}${name}`;
    noise.push('member number digits');
  }
  const cut = rng();
  const width = cut < 0.15 ? 10 : cut < 0.25 ? 14 : 48;
  if (name.length > width) {
    name = name.slice(0, name[width] === 'ﾞ' || name[width] === 'ﾟ' ? width - 1 : width).trimEnd();
    noise.push(`cut at ${width}`);
  }
  return { name, noise: noise.join(', ') || 'plain' };
}
