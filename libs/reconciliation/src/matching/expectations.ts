import { nameKeys } from './payer-name.js';

/** An open invoice the branch expects money for, with what identifies its member on a bank line. */
export interface ExpectedInvoice {
  invoiceId: string;
  number: string;
  memberId: string;
  memberNumber: string;
  /** The member's name in katakana (ヤマダ タロウ, or the organization's). */
  memberKana: string;
  outstanding: bigint;
  dueOn: string;
  /** Members paid for together (one household or organization) share a key. */
  groupKey?: string | null;
}

export interface ExpectedMember {
  memberId: string;
  memberNumber: string;
  memberKana: string;
  key: string;
  family: string;
  groupKey: string | null;
  /** Open invoices, oldest due first. */
  invoices: ExpectedInvoice[];
}

/**
 * What a branch expects, indexed for the matcher: by member number (and its digits), invoice
 * number, name key (exact, and sorted for the prefix a truncated payer field leaves), family name
 * and group; lookups are maps and binary searches. Built from all the branch's open invoices, or (on
 * import) from the candidates of a batch of lines with the keys found crowded beside them.
 */
export class Expectations {
  readonly members = new Map<string, ExpectedMember>();
  readonly byMemberNumber = new Map<string, ExpectedMember>();
  readonly byDigits = new Map<string, ExpectedMember[]>();
  readonly byInvoiceNumber = new Map<string, ExpectedInvoice>();
  readonly byKey = new Map<string, ExpectedMember[]>();
  readonly byFamily = new Map<string, ExpectedMember[]>();
  readonly byGroup = new Map<string, ExpectedMember[]>();
  private sortedKeys: string[] = [];
  /** Keys, cut keys and families known to find more members than the matcher's limits (see candidate-lookups.ts). */
  readonly crowded: { keys: Set<string>; prefixes: Set<string>; families: Set<string> };

  constructor(invoices: Iterable<ExpectedInvoice>, crowded: { keys?: Iterable<string>; prefixes?: Iterable<string>; families?: Iterable<string> } = {}) {
    this.crowded = { keys: new Set(crowded.keys ?? []), prefixes: new Set(crowded.prefixes ?? []), families: new Set(crowded.families ?? []) };
    const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const invoice of invoices) {
      let member = this.members.get(invoice.memberId);
      if (!member) {
        const keys = nameKeys(invoice.memberKana);
        member = {
          memberId: invoice.memberId,
          memberNumber: invoice.memberNumber,
          memberKana: invoice.memberKana,
          key: keys.key,
          family: keys.family,
          groupKey: invoice.groupKey ?? null,
          invoices: [],
        };
        this.members.set(member.memberId, member);
        this.byMemberNumber.set(member.memberNumber, member);
        push(this.byDigits, String(Number(member.memberNumber.replace(/^[A-Z]+/, ''))), member);
        push(this.byKey, member.key, member);
        push(this.byFamily, member.family, member);
        if (member.groupKey) push(this.byGroup, member.groupKey, member);
      }
      member.invoices.push(invoice);
      this.byInvoiceNumber.set(invoice.number, invoice);
    }
    for (const member of this.members.values()) member.invoices.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    this.sortedKeys = [...this.byKey.keys()].sort();
  }

  /** Members whose key starts with `prefix` (a payer field cut at its width), at most `limit`. */
  startingWith(prefix: string, limit: number): ExpectedMember[] {
    if (this.crowded.prefixes.has(prefix)) return [];
    let lo = 0;
    let hi = this.sortedKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedKeys[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: ExpectedMember[] = [];
    for (let i = lo; i < this.sortedKeys.length && this.sortedKeys[i].startsWith(prefix); i += 1) {
      out.push(...this.byKey.get(this.sortedKeys[i])!);
      if (out.length > limit) return [];
    }
    return out;
  }
}
