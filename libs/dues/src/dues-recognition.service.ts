import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { DuesError } from './dues.errors.js';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BookKind, BookService } from '#ledger';
import { effectivePolicy, RecognitionPolicy } from './recognition-policy.js';
import { RecognitionSettingRepository } from './recognition-setting.repository.js';

export interface RecognitionSettings {
  federation: RecognitionPolicy;
  /** Whether the federation's value was chosen (false: the default, ON_RECEIPT). */
  federationChosen: boolean;
  overrides: { bookId: string; policy: RecognitionPolicy }[];
}

/**
 * 会費の計上基準 — the federation's setting (FEDERATION_ADMIN, audited) and a per-book override.
 * A branch book's policy decides how its dues post; the federation book's mirror follows the
 * branch book it mirrors (an override on the federation book itself would mean nothing: refused).
 * A change applies to invoices issued after it: each invoice keeps the basis it was issued on.
 */
@Injectable()
export class DuesRecognition {
  constructor(
    private readonly tx: TransactionService,
    private readonly settings: RecognitionSettingRepository,
    private readonly books: BookService,
    private readonly audit: AuditLog,
  ) {}

  async current(): Promise<RecognitionSettings> {
    const federation = await this.settings.federation();
    const overrides = await this.settings.overrides();
    return {
      federation: effectivePolicy(federation, null),
      federationChosen: federation !== null,
      overrides: [...overrides].map(([bookId, policy]) => ({ bookId, policy })),
    };
  }

  /** The policy of a branch's book. */
  async forBranch(branchId: string): Promise<RecognitionPolicy> {
    const book = await this.books.bookForBranch(branchId);
    return this.forBook(book.id);
  }

  /** The policy of each of these branches' books (one query for the overrides). */
  async forBranches(branchIds: readonly string[]): Promise<Map<string, RecognitionPolicy>> {
    const unique = [...new Set(branchIds)];
    const books = new Map<string, string>();
    for (const branchId of unique) books.set(branchId, (await this.books.bookForBranch(branchId)).id);
    const federation = await this.settings.federation();
    const overrides = await this.settings.overrides([...books.values()]);
    return new Map(unique.map((b) => [b, effectivePolicy(federation, overrides.get(books.get(b)!) ?? null)]));
  }

  async forBook(bookId: string): Promise<RecognitionPolicy> {
    const override = (await this.settings.overrides([bookId])).get(bookId) ?? null;
    return effectivePolicy(await this.settings.federation(), override);
  }

  async setFederationPolicy(actor: Actor, policy: RecognitionPolicy): Promise<RecognitionSettings> {
    return this.tx.run(async () => {
      const before = await this.settings.setFederation(policy, actor.userId);
      await this.audit.record(actor, {
        action: 'duesRecognition.setFederation',
        entityType: 'DuesRecognitionSetting',
        entityId: 'FEDERATION',
        branchId: null,
        before: { policy: before },
        after: { policy },
      });
      return this.current();
    });
  }

  /** Sets a branch book's own policy, or with null makes it follow the federation again. */
  async setBookPolicy(actor: Actor, bookId: string, policy: RecognitionPolicy | null): Promise<RecognitionSettings> {
    return this.tx.run(async () => {
      let book;
      try {
        book = await this.books.findById(bookId);
      } catch {
        throw DuesError.bookNotFound(bookId);
      }
      if (book.kind !== BookKind.BRANCH) {
        throw DuesError.recognitionBookNotBranch();
      }
      const before = await this.settings.setOverride(bookId, policy, actor.userId);
      await this.audit.record(actor, {
        action: 'duesRecognition.setBook',
        entityType: 'DuesRecognitionSetting',
        entityId: bookId,
        branchId: book.branchId,
        before: { policy: before },
        after: { policy },
      });
      return this.current();
    });
  }
}
