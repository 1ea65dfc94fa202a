import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, TransactionService, type Money } from '#core';
import { type Actor, Role } from '#auth';
import { AuditLog } from '#audit';
import { AccountCode, BookService, LedgerPosting, LedgerQueries } from '#ledger';
import { SettlementRepository } from './settlement.repository.js';
import type { Settlement } from './settlement.entity.js';
import { SettlementDirection, settlementPostings } from './payment-postings.js';
import { requireWriter } from './payment-access.js';
import { PaymentsError } from './payments.errors.js';
import { requestHash } from './request-hash.js';

import { PAYMENTS_REASONS as R } from './payments.errors.js';
export interface RecordSettlementCommand {
  branchId: string;
  /** Default: the branch pays the federation. */
  direction?: SettlementDirection | null;
  amount: Money;
  /** YYYY-MM-DD of the transfer. */
  settledOn: string;
  reference?: string | null;
  memo?: string | null;
  idempotencyKey?: string | null;
}

/**
 * 精算: a transfer between a branch and the federation clearing what one owes the other, in
 * both books at once. Refused when it would clear more than both books agree is owed (checked
 * with both books locked, as the posting locks them), so neither book flips to the other side.
 * Settlements of one branch are serialized; the federation paying a branch is a federation
 * admin's act.
 */
@Injectable()
export class SettlementRecording {
  constructor(
    private readonly tx: TransactionService,
    private readonly settlements: SettlementRepository,
    private readonly books: BookService,
    private readonly ledger: LedgerPosting,
    private readonly queries: LedgerQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, command: RecordSettlementCommand): Promise<{ settlement: Settlement; replayed: boolean }> {
    const direction = command.direction ?? SettlementDirection.BRANCH_TO_FEDERATION;
    const amount = command.amount.amount;
    const currency = command.amount.currency;
    if (amount <= 0n) throw R.NON_POSITIVE_AMOUNT.at('input.amount.amount');
    if (command.settledOn > this.clock.today()) throw PaymentsError.futureDate('input.settledOn');
    requireWriter(actor, command.branchId);
    if (direction === SettlementDirection.FEDERATION_TO_BRANCH && !actor.has(Role.FEDERATION_ADMIN)) throw PaymentsError.federationPaysByAdminOnly();
    const hash = requestHash({ ...command, direction, amount, currency, idempotencyKey: undefined });
    const key = command.idempotencyKey ?? `auto:${randomUUID()}`;
    if (command.idempotencyKey) {
      const earlier = await this.replay(command.idempotencyKey, hash);
      if (earlier) return { settlement: earlier, replayed: true };
    }

    return this.tx.run(async () => {
      await this.settlements.lockBranch(command.branchId);
      const branchBook = await this.books.bookForBranch(command.branchId);
      const federationBook = await this.books.federationBook();
      if (branchBook.currency.trim() !== currency) throw PaymentsError.currencyMismatch('input.amount.currency', branchBook.currency.trim(), currency);

      // Both books locked as the posting locks them: what they owe each other holds until commit.
      await this.ledger.lockBooks([branchBook.id, federationBook.id]);
      const owed = await this.agreedOwed(branchBook.id, federationBook.id, direction);
      if (owed <= 0n) throw PaymentsError.nothingToSettle();
      if (amount > owed) throw PaymentsError.settlementExceedsOwed(owed, currency);

      const id = await this.settlements.claim({
        branchId: command.branchId,
        direction,
        amount,
        currency,
        settledOn: command.settledOn,
        reference: command.reference ?? null,
        memo: command.memo ?? null,
        idempotencyKey: key,
        requestHash: hash,
        recordedBy: actor.userId,
      });
      if (!id) {
        const earlier = await this.replay(key, hash);
        if (earlier) return { settlement: earlier, replayed: true };
        throw PaymentsError.idempotencyKeyReused();
      }
      const memo = `精算 / settlement${command.reference ? ` ${command.reference}` : ''}`;
      const postings = settlementPostings({ settlementId: id, direction, branchBookId: branchBook.id, federationBookId: federationBook.id, settledOn: command.settledOn, currency, amount, memo });
      const [branchEntry, federationEntry] = await this.ledger.postMany([postings.branch, postings.federation]);
      await this.settlements.setEntries(id, { branchEntryId: branchEntry.entryId, postedOn: branchEntry.entryDate, federationEntryId: federationEntry.entryId });
      const settlement = (await this.settlements.findById(id))!;
      await this.audit.record(actor, { action: 'settlement.record', entityType: 'Settlement', entityId: id, branchId: command.branchId, after: settlement });
      return { settlement, replayed: false };
    });
  }

  /**
   * What the payer owes by both books: the payer's due-to the payee and the payee's mirror due-from
   * the payer, the lesser of the two. A book that drifted from its mirror (a stray entry in one of
   * them) never lets a settlement clear more than the other book agrees is owed.
   */
  private async agreedOwed(branchBookId: string, federationBookId: string, direction: SettlementDirection): Promise<bigint> {
    const [payer, payee] = direction === SettlementDirection.BRANCH_TO_FEDERATION ? [branchBookId, federationBookId] : [federationBookId, branchBookId];
    const payerOwes = -(await this.queries.balance({ bookId: payer, accountCode: AccountCode.DueToOtherBooks, counterpartyBookId: payee }));
    const payeeIsOwed = await this.queries.balance({ bookId: payee, accountCode: AccountCode.DueFromOtherBooks, counterpartyBookId: payer });
    return payerOwes < payeeIsOwed ? payerOwes : payeeIsOwed;
  }

  private async replay(key: string, hash: string): Promise<Settlement | null> {
    const earlier = await this.settlements.findByIdempotencyKey(key);
    if (!earlier) return null;
    if (earlier.requestHash !== hash) throw PaymentsError.idempotencyKeyReused();
    return earlier;
  }
}
