import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppError, TransactionService } from '#core';
import { type ChainRef, chainKey, chainOf, chainsAmong } from './chains.js';
import { entryHash, GENESIS_HASH } from './entry-hash.js';
import { type ChainHeadRow, type ChartEntry, type EntryRow, JournalRepository, type LineRow } from './journal.repository.js';
import { LedgerError } from './ledger.errors.js';
import { monthOf, postingDate } from './period-math.js';
import type { JournalPosting, PostedEntry, ReversalRequest } from './posting.js';
import { manualPostingError, postingShapeError, reversedLines } from './posting-rules.js';
import { PostingContextCache } from './posting-context-cache.js';

/** Before any month a book can have: every closed month is read when they are to be remembered. */
const EVERY_MONTH = '1900-01-01';

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
 * - locks the head of each chain it posts to (once per batch, in one order): a book's own chain, or the
 *   one it keeps with the other book its entry is between (chains.ts), so posts to one chain are
 *   serialized and each entry's hash covers the previous one's;
 * - moves a business item dated in a closed month to the first day of the next open month
 *   (a MANUAL entry there is refused with PERIOD_CLOSED instead).
 * - refuses MANUAL lines on the inter-book accounts (1500/2200).
 * The database checks again (see README): every entry balanced and with lines, lines only in the
 * entry's own transaction, no entry in a closed month, no UPDATE, DELETE or TRUNCATE.
 */
@Injectable()
export class LedgerPosting {
  /** Each book's chart (code → account) as last read by a committed post; re-read when a posting names a code it lacks. */
  private readonly charts = new Map<string, Map<string, ChartEntry>>();

  constructor(
    private readonly tx: TransactionService,
    private readonly journal: JournalRepository,
    private readonly contexts: PostingContextCache,
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
   * Locks these books as a post to them does until the caller's transaction commits: their own chains and
   * the chains between them (chainsAmong), so that a balance between them read after it stays true until
   * this transaction's own posts. For a rule that checks balances and then posts on them (a settlement clears
   * no more than both books owe). Posts of these books with other books (another branch's payment's share in
   * the federation's book) go on.
   */
  async lockBooks(bookIds: string[]): Promise<void> {
    if (!this.tx.active) throw new Error('LedgerPosting.lockBooks needs an open transaction (TransactionService.run)');
    await this.lockHeads(chainsAmong(bookIds));
  }

  /** Locks the heads of these chains (distinct), starting those that have none yet. Keyed by chainKey. */
  private async lockHeads(chains: ChainRef[]): Promise<Map<string, ChainHeadRow>> {
    const lock = async () => new Map((await this.journal.lockChainHeads(chains)).map((h) => [chainKey(h), h]));
    const heads = await lock();
    if (heads.size === chains.length) return heads;
    await this.journal.startChains(chains.filter((c) => !heads.has(chainKey(c))), GENESIS_HASH);
    return lock();
  }

  /**
   * postMany in two steps, for a caller that writes its own rows naming the entries before the chain heads
   * are locked (a payment's row names its entry): `prepareMany` reads and lays the entries out — ids and
   * dates known, nothing locked, nothing written — and `write()` locks the books' chain heads and writes
   * them, the last step before the caller's commit. Only for postings whose idempotency keys are new (made
   * from rows this transaction has just created): they are not looked up; a key posted before is refused
   * by the database (unique per book) rather than replayed. Needs an open transaction.
   */
  async prepareMany(postings: JournalPosting[]): Promise<PendingPosts> {
    if (!this.tx.active) throw new Error('LedgerPosting.prepareMany needs an open transaction (TransactionService.run)');
    const batch = await this.layOut(postings, (i) => `postings.${i}.`);
    const entries = postings.map((_, i) => {
      const twin = batch.twinOf.get(i);
      const draft = batch.drafts.find((d) => d.i === (twin ?? i))!;
      return { entryId: draft.entry.id, created: twin === undefined, entryDate: draft.entry.entryDate };
    });
    return { entries, write: async () => void (await this.writeDrafts(batch, false)) };
  }

  private async postBatch(postings: InternalPosting[], prefixOf: (i: number) => string): Promise<PostedEntry[]> {
    if (postings.length === 0) return [];
    return this.tx.run(async () => {
      const batch = await this.layOut(postings, prefixOf);
      const byKey = await this.writeDrafts(batch, true);
      return postings.map((p, i) => {
        const posted = byKey.get(JournalRepository.key(p.bookId, p.idempotencyKey))!;
        return batch.twinOf.has(i) ? { ...posted, created: false } : posted;
      });
    });
  }

  /**
   * Checks the postings and lays their entries out (ids, dates, lines with their accounts) from what is
   * read before any lock: the books, their charts, the closed months — one statement. A posting whose key
   * an earlier one of the batch has is its twin (the same entry).
   */
  private async layOut(postings: InternalPosting[], prefixOf: (i: number) => string): Promise<LaidOut> {
    postings.forEach((p, i) => throwIf(postingShapeError(p, prefixOf(i)) ?? manualPostingError(p, prefixOf(i))));
    const bookIds = [...new Set(postings.map((p) => p.bookId))].sort();
    const drafts: Draft[] = [];
    const twinOf = new Map<number, number>();
    if (postings.length === 0) return { chains: [], drafts, twinOf };
    // What does not need the lock is read first: the chain heads are locked last (writeDrafts), and held only
    // for the idempotency check, one write and the caller's commit (the federation book's head is shared by
    // every branch's payments). One statement: the books, the charts not known yet (or lacking a code named),
    // the closed months.
    const earliest = postings.reduce((min, p) => (p.entryDate < min ? p.entryDate : min), postings[0].entryDate);
    const unknownCharts = bookIds.filter((id) => {
      const chart = this.charts.get(id);
      return !chart || postings.some((p) => p.bookId === id && p.lines.some((l) => !chart.has(l.accountCode)));
    });
    // A month closed between this read and the write is refused by the database (journal_entries_in_open_period).
    // Books whose currency and closed months are known (PostingContextCache) and whose chart is too are not read.
    const cached = this.contexts.known(bookIds.filter((id) => !unknownCharts.includes(id)));
    const toRead = bookIds.filter((id) => !cached.has(id));
    const stamp = this.contexts.stamp();
    const read = toRead.length > 0 ? await this.journal.postingContext(toRead, stamp === null ? monthOf(earliest) : EVERY_MONTH, unknownCharts) : new Map();
    this.contexts.rememberAfterCommit(stamp, new Map([...read].map(([id, c]) => [id, { currency: c.currency, closed: c.closed }])));
    const context = new Map<string, { currency: string; chart: Map<string, ChartEntry> | null; closed: ReadonlySet<string> }>([
      ...read,
      ...[...cached].map(([id, c]) => [id, { ...c, chart: null }] as const),
    ]);
    postings.forEach((p, i) => {
      const book = context.get(p.bookId);
      if (!book) throw LedgerError.bookNotFound(p.bookId);
      if (p.currency !== undefined && p.currency !== book.currency) {
        throw LedgerError.currencyMismatch(`${prefixOf(i)}currency`, book.currency, p.currency);
      }
    });
    // Accounts are only ever added (never changed or removed): a chart read in a committed transaction stays true.
    for (const id of unknownCharts) this.tx.afterCommit(() => this.charts.set(id, context.get(id)!.chart!));

    const firstOfKey = new Map<string, number>();
    for (const [i, p] of postings.entries()) {
      const key = JournalRepository.key(p.bookId, p.idempotencyKey);
      const first = firstOfKey.get(key);
      if (first !== undefined) {
        twinOf.set(i, first);
        continue;
      }
      firstOfKey.set(key, i);
      const book = context.get(p.bookId)!;
      if (p.source === 'MANUAL' && book.closed.has(monthOf(p.entryDate))) {
        throw LedgerError.periodClosed(`${prefixOf(i)}entryDate`, monthOf(p.entryDate));
      }
      const chart = book.chart ?? this.charts.get(p.bookId)!;
      const id = randomUUID();
      const entryDate = postingDate(p.entryDate, book.closed);
      const lines = p.lines.map((l, j): LineRow => {
        const account = chart.get(l.accountCode);
        if (!account) throw LedgerError.unknownAccount(`${prefixOf(i)}lines.${j}.accountCode`, l.accountCode);
        return {
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
        };
      });
      const chainWith = chainOf(p.bookId, lines);
      const entry: Draft['entry'] = {
        id,
        bookId: p.bookId,
        chainWith: chainWith === p.bookId ? null : chainWith,
        entryDate,
        requestedDate: p.entryDate,
        source: p.source,
        sourceId: p.sourceId,
        idempotencyKey: p.idempotencyKey,
        memo: p.memo,
        currency: book.currency,
        reversesEntryId: p.reversesEntryId ?? null,
        createdBy: p.createdBy ?? null,
      };
      drafts.push({ i, key, entry, lines, chain: { bookId: p.bookId, chainWith } });
    }
    const chains = new Map(drafts.map((d) => [chainKey(d.chain), d.chain]));
    return { chains: [...chains.values()], drafts, twinOf };
  }

  /**
   * Locks the books' chain heads (id order), drops the drafts whose keys were posted before (replays, when
   * `lookUpKeys`), chains the rest (seq, hash) and writes them with the heads in one statement. Returns
   * what each key is posted as.
   */
  private async writeDrafts(batch: LaidOut, lookUpKeys: boolean): Promise<Map<string, PostedEntry>> {
    // From here on, nobody else posts to these chains until we commit.
    const heads = await this.lockHeads(batch.chains);
    const existing = lookUpKeys ? await this.journal.existingKeys(batch.drafts.map((d) => d.entry)) : new Map<string, { id: string; entryDate: string }>();
    const posted = new Map<string, PostedEntry>();
    for (const [key, found] of existing) posted.set(key, replay(found));
    const fresh = batch.drafts.filter((d) => !existing.has(d.key));
    if (fresh.length === 0) return posted;
    const alreadyReversed = await this.journal.reversed(fresh.map((d) => d.entry.reversesEntryId).filter((id): id is string => !!id));
    const entries: EntryRow[] = [];
    const lines: LineRow[] = [];
    const touched = new Set<string>();
    for (const draft of fresh) {
      const reverses = draft.entry.reversesEntryId;
      if (reverses) {
        if (alreadyReversed.has(reverses)) throw LedgerError.alreadyReversed(reverses);
        alreadyReversed.add(reverses);
      }
      const chain = chainKey(draft.chain);
      const head = heads.get(chain)!;
      const entry = { ...draft.entry, seq: head.lastSeq + 1n, prevHash: head.lastHash };
      const hash = entryHash(head.lastHash, { ...entry, lines: draft.lines });
      entries.push({ ...entry, hash });
      lines.push(...draft.lines);
      heads.set(chain, { ...head, lastSeq: entry.seq, lastHash: hash });
      touched.add(chain);
      posted.set(draft.key, { entryId: entry.id, created: true, entryDate: entry.entryDate });
    }
    await this.journal.writeBatch(entries, lines, [...touched].map((chain) => heads.get(chain)!));
    return posted;
  }
}

/** An entry laid out before the chain heads are locked: all but its place in the chain (seq, prev hash, hash). */
interface Draft {
  /** Index of its posting. */
  i: number;
  key: string;
  entry: Omit<EntryRow, 'seq' | 'prevHash' | 'hash'>;
  lines: LineRow[];
  chain: ChainRef;
}

interface LaidOut {
  /** The chains the drafts go into, each once (the lock statement orders them: book, then other book). */
  chains: ChainRef[];
  drafts: Draft[];
  /** Posting index → index of the earlier posting of the batch with the same key. */
  twinOf: Map<number, number>;
}

/** Entries laid out by prepareMany: what they will be (ids, dates), and the write that chains them. */
export interface PendingPosts {
  entries: PostedEntry[];
  write(): Promise<void>;
}

function replay(found: { id: string; entryDate: string }): PostedEntry {
  return { entryId: found.id, created: false, entryDate: found.entryDate };
}

function throwIf(error: AppError | null): void {
  if (error) throw error;
}
