import { describe, expect, it } from '@jest/globals';
import { Expectations, type ExpectedInvoice } from './expectations.js';
import { autoConfirmable, explain, suggest } from './matcher.js';
import { generateLabelledStatement, type LabelledLine } from './statement-generator.js';

/** Below this score a line is listed as an exception, not proposed. */
const PROPOSE_FROM = 50;

const invoice = (over: Partial<ExpectedInvoice>): ExpectedInvoice => ({
  invoiceId: 'i1',
  number: 'TKY-2026-000123',
  memberId: 'm1',
  memberNumber: 'P0012345',
  memberKana: 'ヤマダ タロウ',
  outstanding: 6000n,
  dueOn: '2026-04-30',
  ...over,
});

describe('the matcher', () => {
  const expectations = new Expectations([
    invoice({}),
    invoice({ invoiceId: 'i2', number: 'TKY-2026-000124', memberId: 'm2', memberNumber: 'P0012346', memberKana: 'ヤマダ ハナコ', groupKey: 'h1' }),
    invoice({ invoiceId: 'i3', number: 'TKY-2026-000125', memberId: 'm3', memberNumber: 'O000010', memberKana: 'カブシキガイシャ スズキショウジ', outstanding: 30000n }),
  ]);

  it('explains a member number in the payer name and an exact amount, and confirms it automatically', () => {
    const s = suggest(expectations, { direction: 'IN', amount: 6000n, bookedOn: '2026-04-10', payerName: 'P0012345 ﾔﾏﾀﾞ ﾀﾛｳ' });
    expect(s[0].allocations.map((a) => a.invoiceId)).toEqual(['i1']);
    expect(explain(s[0]).en).toBe("member number P0012345 in payer name; amount equals invoice TKY-2026-000123");
    expect(explain(s[0]).ja).toContain('会員番号 P0012345');
    expect(autoConfirmable(s)).toBe(true);
  });

  it('matches an organization by its name with the legal form before or after', () => {
    for (const payerName of ['ｶ)ｽｽﾞｷｼﾖｳｼﾞ', 'ｽｽﾞｷｼﾖｳｼﾞ(ｶ']) {
      const s = suggest(expectations, { direction: 'IN', amount: 30000n, bookedOn: '2026-04-10', payerName });
      expect(s[0].allocations.map((a) => a.invoiceId)).toEqual(['i3']);
    }
  });

  it('leaves a short payment to the treasurer', () => {
    const s = suggest(expectations, { direction: 'IN', amount: 5000n, bookedOn: '2026-04-10', payerName: 'P0012345 ﾔﾏﾀﾞ ﾀﾛｳ' });
    expect(s[0]).toMatchObject({ exact: false, short: 1000n });
    expect(autoConfirmable(s)).toBe(false);
  });

  it('proposes interest as not dues', () => {
    expect(suggest(expectations, { direction: 'IN', amount: 12n, bookedOn: '2026-04-10', payerName: '', memo: 'ﾘｿｸ' })[0]).toMatchObject({ kind: 'NOT_DUES', category: 'INTEREST' });
  });
});

describe('accuracy on a labelled statement with realistic noise', () => {
  const { invoices, lines } = generateLabelledStatement(20261201, { members: 2000, lines: 1000 });
  const expectations = new Expectations(invoices);
  const outcome = (line: LabelledLine) => {
    const s = suggest(expectations, { direction: 'IN', amount: line.amount, bookedOn: line.bookedOn, payerName: line.payerName, memo: line.memo });
    const best = s[0] && s[0].score >= PROPOSE_FROM ? s[0] : null;
    const auto = autoConfirmable(s);
    let correct: boolean;
    if (line.label.kind === 'NONE') correct = best === null && !auto;
    else if (line.label.kind === 'INTEREST') correct = best?.category === 'INTEREST';
    else correct = best !== null && JSON.stringify(best.allocations.map((a) => a.invoiceId).sort()) === JSON.stringify([...line.label.invoiceIds].sort());
    return { correct, auto, best, s };
  };
  const results = lines.map((line) => ({ line, ...outcome(line) }));

  it('matches at least 95 % of lines correctly', () => {
    const wrong = results.filter((r) => !r.correct);
    const rate = 1 - wrong.length / results.length;
    if (rate < 0.95) console.log(wrong.slice(0, 20).map((r) => [r.line.noise, r.line.payerName, r.line.amount, r.best && explain(r.best).en]));
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it('confirms no line automatically to the wrong invoice', () => {
    const wrongAuto = results.filter((r) => r.auto && !r.correct);
    expect(wrongAuto.map((r) => [r.line.noise, r.line.payerName])).toEqual([]);
    expect(results.filter((r) => r.auto).length).toBeGreaterThan(results.length * 0.3);
  });

  it('holds every kind of noise the generator makes', () => {
    const kinds = new Set(results.flatMap((r) => r.line.noise.split(', ').map((n) => n.replace(/ \d+$/, ''))));
    expect([...kinds]).toEqual(expect.arrayContaining(['interest', 'unknown payer', 'two members of one household', 'short payment', 'member number', 'member number digits', 'legal form before', 'legal form after', 'no space', 'cut at']));
  });
});
