import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppError, TransactionService } from '#core';
import { entryHash, GENESIS_HASH } from './entry-hash.js';
import { type EntryRow, JournalRepository, type LineRow } from './journal.repository.js';
import { LedgerError } from './ledger.errors.js';
import { monthOf, postingDate } from './period-math.js';
import type { JournalPosting, PostedEntry, ReversalRequest } from './posting.js';
import { manualPostingError, postingShapeError, reversedLines } from './posting-rules.js';

/** A posting as the ledger handles it inside: a reversal also points at what it reverses. */
interface InternalPosting extends JournalPosting {
  reversesEntryId?: string | null;
}

export interface PostOptions {
  /** Prefix of field names in BAD_USER_INPUT errors, e.g. `input.` for a GraphQL input. */
  fieldPrefix?: string;
}

/**
 * Posts journal entries, in the caller's transaction (or its own). Every post:
 * - is idempotent per (book, idempotency key): a replay returns the first entry, created = false;
 * - locks the chain head of each book it posts to (once per batch, in id order), so posts to one
 *   book are serialized and each entry's hash covers the previous one's;
 * - moves a business item dated in a closed month to the first day of the next open month
 *   (a MANUAL entry there is refused with PERIOD_CLOSED instead).
 * - refuses MANUAL lines on the inter-book accounts (1500/2200).
 * The database checks again (see README): every entry balanced and with lines, lines only in the
 * entry's own transaction, no entry in a closed month, no UPDATE, DELETE or TRUNCATE.
 */
@Injectable()
export class LedgerPosting {
  constructor(
    private readonly tx: TransactionService,
    private readonly journal: JournalRepository,
  ) {}

  async post(posting: JournalPosting, options: PostOptions = {}): Promise<PostedEntry> {
    const prefix = options.fieldPrefix ?? '';
    const [posted] = await this.postBatch([posting], () => prefix);
    return posted;
  }

  /**
   * Posts many entries with a fixed number of statements whatever their count (arrays unnested
   * in PostgreSQL). Results are in the order of `postings`; errors name `postings.<i>.<field>`.
   * All or nothing: one bad posting refuses the batch.
   */
  async postMany(postings: JournalPosting[]): Promise<PostedEntry[]> {
    return this.postBatch(postings, (i) => `postings.${i}.`);
  }

  /** Posts the opposite of an entry (every line on the other side), pointing at it. Idempotent by key. */
  async reverse(entryId: string, request: ReversalRequest, options: PostOptions = {}): Promise<PostedEntry> {
    return this.tx.run(async () => {
      const original = await this.journal.entryWithLines(entryId);
      if (!original) throw LedgerError.entryNotFound(entryId);
      const { entry, lines } = original;
      const [posted] = await this.postBatch(
        [
          {
            bookId: entry.bookId,
            entryDate: request.entryDate,
            source: entry.source,
            sourceId: entry.sourceId,
            idempotencyKey: request.idempotencyKey,
            memo: request.memo,
            currency: entry.currency,
            createdBy: request.createdBy ?? null,
            reversesEntryId: entry.id,
            lines: reversedLines(
              lines.map((l) => ({
                accountCode: l.accountCode,
                side: l.side,
                amount: l.amount,
                counterpartyBookId: l.counterpartyBookId,
                fundCode: l.fundCode,
                memo: l.memo,
              })),
            ),
          },
        ],
        () => options.fieldPrefix ?? '',
      );
      return posted;
    });
  }

  /**
   * Reverses the entry posted in `bookId` under `postedKey`, if there is one (null otherwise):
   * for a record whose entries in a second book are known by key only (a payment's federation mirror).
   */
  async reverseByKey(bookId: string, postedKey: string, request: ReversalRequest): Promise<PostedEntry | null> {
    const found = (await this.journal.existingKeys([{ bookId, idempotencyKey: postedKey }])).get(JournalRepository.key(bookId, postedKey));
    return found ? this.reverse(found.id, request) : null;
  }

  /**
   * Locks these books as a post does (their chain heads, in id order) until the caller's transaction
   * commits: a balance read after it stays true until this transaction's own posts. For a rule that
   * checks balances and then posts on them (a settlement clears no more than both books owe).
   */
  async lockBooks(bookIds: string[]): Promise<void> {
    if (!this.tx.active) throw new Error('LedgerPosting.lockBooks needs an open transaction (TransactionService.run)');
    await this.lockHeads([...new Set(bookIds)].sort());
  }

  private async lockHeads(bookIds: string[]): Promise<Map<string, { lastSeq: bigint; lastHash: string }>> {
    const heads = await this.journal.lockChainHeads(bookIds);
    if (heads.size === bookIds.length) return heads;
    await this.journal.startChains(bookIds.filter((id) => !heads.has(id)), GENESIS_HASH);
    return this.journal.lockChainHeads(bookIds);
  }

  private async postBatch(postings: InternalPosting[], prefixOf: (i: number) => string): Promise<PostedEntry[]> {
    if (postings.length === 0) return [];
    postings.forEach((p, i) => throwIf(postingShapeError(p, prefixOf(i)) ?? manualPostingError(p, prefixOf(i))));
    const bookIds = [...new Set(postings.map((p) => p.bookId))].sort();

    return this.tx.run(async () => {
      const books = await this.journal.books(bookIds);
      postings.forEach((p, i) => {
        const book = books.get(p.bookId);
        if (!book) throw LedgerError.bookNotFound(p.bookId);
        if (p.currency !== undefined && p.currency !== book.currency) {
          throw LedgerError.currencyMismatch(`${prefixOf(i)}currency`, book.currency, p.currency);
        }
      });

      // From here on, nobody else posts to these books until we commit.
      const heads = await this.lockHeads(bookIds);

      const existing = await this.journal.existingKeys(postings);
      const fresh = postings.map((p, i) => ({ p, i })).filter(({ p }) => !existing.has(JournalRepository.key(p.bookId, p.idempotencyKey)));
      const results: PostedEntry[] = new Array(postings.length);
      if (fresh.length === 0) {
        return postings.map((p) => replay(existing.get(JournalRepository.key(p.bookId, p.idempotencyKey))!));
      }

      const charts = await this.journal.charts(bookIds);
      const earliest = fresh.reduce((min, { p }) => (p.entryDate < min ? p.entryDate : min), fresh[0].p.entryDate);
      const closed = await this.journal.closedMonths(bookIds, monthOf(earliest));
      const alreadyReversed = await this.journal.reversed(fresh.map(({ p }) => p.reversesEntryId).filter((id): id is string => !!id));

      const entries: EntryRow[] = [];
      const lines: LineRow[] = [];
      const inBatch = new Map<string, PostedEntry>();
      for (const { p, i } of fresh) {
        const key = JournalRepository.key(p.bookId, p.idempotencyKey);
        const twin = inBatch.get(key);
        if (twin) {
          results[i] = { ...twin, created: false };
          continue;
        }
        if (p.reversesEntryId) {
          if (alreadyReversed.has(p.reversesEntryId)) throw LedgerError.alreadyReversed(p.reversesEntryId);
          alreadyReversed.add(p.reversesEntryId);
        }
        const closedMonths = closed.get(p.bookId)!;
        if (p.source === 'MANUAL' && closedMonths.has(monthOf(p.entryDate))) {
          throw LedgerError.periodClosed(`${prefixOf(i)}entryDate`, monthOf(p.entryDate));
        }
        const chart = charts.get(p.bookId)!;
        const head = heads.get(p.bookId)!;
        const entryLines: LineRow[] = [];
        const id = randomUUID();
        const entryDate = postingDate(p.entryDate, closedMonths);
        p.lines.forEach((l, j) => {
          const account = chart.get(l.accountCode);
          if (!account) throw LedgerError.unknownAccount(`${prefixOf(i)}lines.${j}.accountCode`, l.accountCode);
          entryLines.push({
            entryId: id,
            bookId: p.bookId,
            entryDate,
            lineNo: j + 1,
            accountId: account.id,
            side: l.side,
            amount: l.amount,
            counterpartyBookId: l.counterpartyBookId ?? null,
            fundCode: l.fundCode ?? null,
            memo: l.memo ?? null,
          });
        });
        const entry: Omit<EntryRow, 'hash'> = {
          id,
          bookId: p.bookId,
          seq: head.lastSeq + 1n,
          entryDate,
          requestedDate: p.entryDate,
          source: p.source,
          sourceId: p.sourceId,
          idempotencyKey: p.idempotencyKey,
          memo: p.memo,
          currency: books.get(p.bookId)!.currency,
          reversesEntryId: p.reversesEntryId ?? null,
          createdBy: p.createdBy ?? null,
          prevHash: head.lastHash,
        };
        const hash = entryHash(head.lastHash, { ...entry, lines: entryLines });
        entries.push({ ...entry, hash });
        lines.push(...entryLines);
        heads.set(p.bookId, { lastSeq: entry.seq, lastHash: hash });
        results[i] = { entryId: id, created: true, entryDate };
        inBatch.set(key, results[i]);
      }
      for (const [i, p] of postings.entries()) {
        results[i] ??= replay(existing.get(JournalRepository.key(p.bookId, p.idempotencyKey))!);
      }

      await this.journal.insertEntries(entries);
      await this.journal.insertLines(lines);
      const touched = new Set(entries.map((e) => e.bookId));
      await this.journal.advanceChainHeads([...touched].map((bookId) => ({ bookId, ...heads.get(bookId)! })));
      return results;
    });
  }
}

function replay(found: { id: string; entryDate: string }): PostedEntry {
  return { entryId: found.id, created: false, entryDate: found.entryDate };
}

function throwIf(error: AppError | null): void {
  if (error) throw error;
}
