import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { type Actor, MANUAL_ENTRY_WRITERS } from '#auth';
import { AuditLog } from '#audit';
import { requireBookWrite } from './book-access.js';
import { BookService } from './book.service.js';
import { JournalRepository } from './journal.repository.js';
import { LedgerError } from './ledger.errors.js';
import { LedgerPosting } from './ledger-posting.service.js';
import type { PostedEntry, PostingLine } from './posting.js';
import { handReversalError, sameContent } from './posting-rules.js';

export interface ManualEntryCommand {
  bookId: string;
  entryDate: string;
  memo: string;
  currency?: string | null;
  /** A client-chosen key that makes a retried submission post once. */
  idempotencyKey?: string | null;
  lines: PostingLine[];
}

/** Journal entries people make by hand (振替伝票), and their reversals. Audited. */
@Injectable()
export class ManualEntryService {
  constructor(
    private readonly tx: TransactionService,
    private readonly books: BookService,
    private readonly posting: LedgerPosting,
    private readonly journal: JournalRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, command: ManualEntryCommand): Promise<PostedEntry> {
    return this.tx.run(async () => {
      const book = await this.books.findById(command.bookId);
      requireBookWrite(actor, book, MANUAL_ENTRY_WRITERS);
      if (command.currency && command.currency !== book.currency) {
        throw LedgerError.currencyMismatch('input.currency', book.currency, command.currency);
      }
      const id = randomUUID();
      const posted = await this.posting.post(
        {
          bookId: book.id,
          entryDate: command.entryDate,
          source: 'MANUAL',
          sourceId: id,
          idempotencyKey: command.idempotencyKey ? `manual:${command.idempotencyKey}` : `manual:${id}`,
          memo: command.memo,
          lines: command.lines,
          createdBy: actor.userId,
        },
        { fieldPrefix: 'input.' },
      );
      if (!posted.created) {
        await this.requireSameAsPosted(posted.entryId, command);
      } else {
        await this.audit.record(actor, {
          action: 'ledger.entry.create',
          entityType: 'JournalEntry',
          entityId: posted.entryId,
          branchId: book.branchId,
          after: { bookId: book.id, entryDate: posted.entryDate, memo: command.memo, lines: command.lines },
        });
      }
      return posted;
    });
  }

  /** A retry under a used key must ask for the same entry; the same key for something else is a conflict. */
  private async requireSameAsPosted(entryId: string, command: ManualEntryCommand): Promise<void> {
    const posted = await this.journal.entryWithLines(entryId);
    const same =
      posted !== null &&
      sameContent(
        { entryDate: posted.entry.requestedDate, memo: posted.entry.memo, currency: posted.entry.currency, lines: posted.lines },
        { entryDate: command.entryDate, memo: command.memo, currency: command.currency, lines: command.lines },
      );
    if (!same) throw LedgerError.idempotencyKeyReused('input.idempotencyKey');
  }

  /**
   * Reverses a manual entry today (a business entry is reversed by voiding what it records);
   * reversing it again the same way returns the same reversal.
   */
  async reverse(actor: Actor, entryId: string, memo: string): Promise<PostedEntry> {
    return this.tx.run(async () => {
      const original = await this.journal.entryWithLines(entryId);
      if (!original) throw LedgerError.entryNotFound(entryId);
      const book = await this.books.findById(original.entry.bookId);
      requireBookWrite(actor, book, MANUAL_ENTRY_WRITERS);
      // A business entry is reversed by its own void (payment, invoice, settlement), which also
      // changes the record it belongs to; reversing it here would leave that record stranded.
      const refused = handReversalError({ ...original.entry, lines: original.lines }, 'id');
      if (refused) throw refused;
      const posted = await this.posting.reverse(
        entryId,
        { idempotencyKey: `manual-reversal:${entryId}`, entryDate: this.clock.today(), memo, createdBy: actor.userId },
        { fieldPrefix: '' },
      );
      if (posted.created) {
        await this.audit.record(actor, {
          action: 'ledger.entry.reverse',
          entityType: 'JournalEntry',
          entityId: posted.entryId,
          branchId: book.branchId,
          after: { bookId: book.id, reversesEntryId: entryId, entryDate: posted.entryDate, memo },
        });
      }
      return posted;
    });
  }
}
