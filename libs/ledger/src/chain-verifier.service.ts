import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, entryHash } from './entry-hash.js';
import { JournalRepository } from './journal.repository.js';

export type ChainBreak =
  /** The entry's content no longer gives its stored hash: it (or one of its lines) was altered. */
  | 'CONTENT_ALTERED'
  /** The entry's stored previous hash is not the previous entry's hash: a hash was rewritten. */
  | 'BROKEN_LINK'
  /** An entry is missing from the chain (a gap in its sequence numbers). */
  | 'MISSING_ENTRY'
  /** The chain ends elsewhere than its recorded head: entries were removed from its end. */
  | 'HEAD_MISMATCH';

export interface ChainFinding {
  bookId: string;
  /** The other book of the chain; null: the book's own chain. */
  chainWith: string | null;
  /** The first entry found wrong (for HEAD_MISMATCH, the last entry present, or null). */
  entryId: string | null;
  seq: string;
  problem: ChainBreak;
}

export interface VerifyResult {
  entriesChecked: number;
  /** The first problem of each chain, in book order; empty when every chain is intact. */
  findings: ChainFinding[];
}

/**
 * Walks each of the books' hash chains (a book's own and those it keeps with other books, chains.ts) in
 * sequence order, a batch at a time (never all rows in memory), recomputing every entry's hash from its
 * stored content and lines.
 */
@Injectable()
export class ChainVerifier {
  constructor(private readonly journal: JournalRepository) {}

  async countEntries(bookId?: string): Promise<number> {
    const heads = await this.journal.chainHeads(bookId);
    return heads.reduce((n, h) => n + Number(h.lastSeq), 0);
  }

  async verify(options: { bookId?: string; batchSize?: number; onProgress?: (checked: number) => void } = {}): Promise<VerifyResult> {
    const batchSize = options.batchSize ?? 1000;
    const findings: ChainFinding[] = [];
    let checked = 0;
    const headless = (await this.journal.chainsWithoutHeads(options.bookId)).map((c) => ({ ...c, lastSeq: 0n, lastHash: GENESIS_HASH }));
    for (const head of [...(await this.journal.chainHeads(options.bookId)), ...headless]) {
      const chainWith = head.chainWith === head.bookId ? null : head.chainWith;
      let prevHash = GENESIS_HASH;
      let prevSeq = 0n;
      let lastId: string | null = null;
      let finding: ChainFinding | null = null;
      while (!finding) {
        const entries = await this.journal.chainSlice(head, prevSeq, batchSize);
        if (entries.length === 0) break;
        const lines = await this.journal.linesOf(entries.map((e) => e.id));
        for (const entry of entries) {
          const at = { bookId: head.bookId, chainWith, entryId: entry.id, seq: entry.seq.toString() };
          if (entry.seq !== prevSeq + 1n) finding = { ...at, problem: 'MISSING_ENTRY' };
          else if (entry.prevHash !== prevHash) finding = { ...at, problem: 'BROKEN_LINK' };
          else if (entryHash(entry.prevHash, { ...entry, lines: lines.get(entry.id) ?? [] }) !== entry.hash) finding = { ...at, problem: 'CONTENT_ALTERED' };
          if (finding) break;
          prevHash = entry.hash;
          prevSeq = entry.seq;
          lastId = entry.id;
          checked++;
        }
        options.onProgress?.(checked);
      }
      if (!finding && (prevSeq !== head.lastSeq || prevHash !== head.lastHash)) {
        finding = { bookId: head.bookId, chainWith, entryId: lastId, seq: prevSeq.toString(), problem: 'HEAD_MISMATCH' };
      }
      if (finding) findings.push(finding);
    }
    return { entriesChecked: checked, findings };
  }
}
