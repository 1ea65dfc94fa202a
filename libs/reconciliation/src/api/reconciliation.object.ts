import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import type { BankAccount } from '../bank-account.entity.js';
import type { BankStatement } from '../bank-statement.entity.js';
import type { ImportResult } from '../statement-import.service.js';
import { LineStatus, type StatementLine, type StoredSuggestion } from '../statement-line.entity.js';
import type { PayoutView } from '../payouts/payout-matching.service.js';
import './statement-lines.args.js';

@ObjectType('BankAccount')
export class BankAccountObject {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) bookId: string;
  @Field() bankCode: string;
  @Field() branchCode: string;
  @Field() accountType: string;
  @Field() accountNumber: string;
  @Field() name: string;

  static from(a: BankAccount): BankAccountObject {
    return Object.assign(new BankAccountObject(), a);
  }
}

@ObjectType('BankStatement')
export class BankStatementObject {
  @Field(() => ID) id: string;
  @Field(() => ID) bankAccountId: string;
  @Field() format: string;
  @Field(() => String, { nullable: true }) periodFrom: string | null;
  @Field(() => String, { nullable: true }) periodTo: string | null;
  @Field(() => MoneyObject, { nullable: true }) openingBalance: MoneyObject | null;
  @Field(() => MoneyObject, { nullable: true }) closingBalance: MoneyObject | null;
  @Field(() => Int) lineCount: number;
  @Field(() => Int) newLineCount: number;

  static from(s: BankStatement): BankStatementObject {
    return Object.assign(new BankStatementObject(), {
      ...s,
      openingBalance: s.openingBalance === null ? null : MoneyObject.from(Money.of(s.openingBalance)),
      closingBalance: s.closingBalance === null ? null : MoneyObject.from(Money.of(s.closingBalance)),
    });
  }
}

@ObjectType('BankStatementImport')
export class BankStatementImportObject {
  @Field(() => [BankStatementObject]) statements: BankStatementObject[];
  @Field(() => Int) lines: number;
  @Field(() => Int) newLines: number;
  @Field({ description: 'The same file was imported before: nothing changed' }) alreadyImported: boolean;
  @Field(() => Int) suggested: number;
  @Field(() => Int) autoConfirmed: number;
  @Field(() => Int) unmatched: number;

  static from(r: ImportResult): BankStatementImportObject {
    return Object.assign(new BankStatementImportObject(), { ...r, statements: r.statements.map(BankStatementObject.from) });
  }
}

@ObjectType('SuggestedAllocation')
export class SuggestedAllocationObject {
  @Field(() => ID) invoiceId: string;
  @Field() invoiceNumber: string;
  @Field(() => ID) memberId: string;
  @Field(() => MoneyObject) amount: MoneyObject;
}

@ObjectType('LineSuggestion')
export class LineSuggestionObject {
  @Field({ description: 'INVOICES, NOT_DUES, PAYOUT (a Stripe payout) or SETTLEMENT (a transfer to the federation)' }) kind: string;
  @Field(() => String, { nullable: true, description: 'A PAYOUT suggestion: the Stripe payout' }) payoutId: string | null;
  @Field(() => ID, { nullable: true, description: "A SETTLEMENT suggestion: the branch's settlement to the federation" }) settlementId: string | null;
  @Field(() => Int, { description: '0–100' }) score: number;
  @Field({ description: 'The amount pays exactly what the allocations name' }) exact: boolean;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field({ description: 'Why, for the treasurer (Japanese)' }) explanationJa: string;
  @Field({ description: 'Why, for the treasurer (English)' }) explanationEn: string;
  @Field(() => MoneyObject) short: MoneyObject;
  @Field(() => MoneyObject) excess: MoneyObject;
  @Field(() => [SuggestedAllocationObject]) allocations: SuggestedAllocationObject[];

  static from(s: StoredSuggestion): LineSuggestionObject {
    return Object.assign(new LineSuggestionObject(), {
      kind: s.kind,
      score: s.score,
      exact: s.exact,
      category: s.category,
      payoutId: s.payoutId ?? null,
      settlementId: s.settlementId ?? null,
      explanationJa: s.reasons.map((r) => r.ja).join('、'),
      explanationEn: s.reasons.map((r) => r.en).join('; '),
      short: MoneyObject.from(Money.of(BigInt(s.short))),
      excess: MoneyObject.from(Money.of(BigInt(s.excess))),
      allocations: s.allocations.map((a) => ({ ...a, amount: MoneyObject.from(Money.of(BigInt(a.amount))) })),
    });
  }
}

@ObjectType('StatementLine')
export class StatementLineObject {
  @Field(() => ID) id: string;
  @Field(() => ID) bankAccountId: string;
  @Field(() => Int) lineNumber: number;
  @Field() reference: string;
  @Field() bookedOn: string;
  @Field({ description: 'IN or OUT' }) direction: string;
  @Field({ description: 'NORMAL, CORRECTION (訂正) or CANCELLATION (取消)' }) kind: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() payerName: string;
  @Field() memo: string;
  @Field(() => LineStatus) status: LineStatus;
  @Field() autoConfirmed: boolean;
  @Field(() => [ID]) paymentIds: string[];
  @Field(() => String, { nullable: true }) notDuesCategory: string | null;
  @Field(() => String, { nullable: true }) notDuesAccount: string | null;
  @Field(() => String, { nullable: true, description: 'The Stripe payout this line is' }) payoutId: string | null;
  @Field(() => ID, { nullable: true, description: 'The settlement to the federation this outgoing line is the transfer of' }) settlementId: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger entry reconciliation posted for the line (not dues, a payout)' }) journalEntryId: string | null;
  @Field(() => [LineSuggestionObject]) suggestions: LineSuggestionObject[];

  static from(l: StatementLine): StatementLineObject {
    return Object.assign(new StatementLineObject(), { ...l, amount: MoneyObject.from(Money.of(l.amount)), suggestions: l.suggestions.map(LineSuggestionObject.from) });
  }
}

@ObjectType('StripePayoutReconciliation')
export class StripePayoutObject {
  @Field() id: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() arrivalDate: string;
  @Field() status: string;
  @Field(() => MoneyObject, { description: 'Charges (gross)' }) payments: MoneyObject;
  @Field(() => MoneyObject) fees: MoneyObject;
  @Field(() => MoneyObject) refunds: MoneyObject;
  @Field(() => MoneyObject, { description: 'Dispute withdrawals, reinstatements and other adjustments' }) adjustments: MoneyObject;
  @Field(() => MoneyObject, { description: 'payments − fees − refunds' }) expected: MoneyObject;
  @Field(() => MoneyObject, { description: 'The payout minus what it should be' }) discrepancy: MoneyObject;
  @Field({ description: 'The payout equals its payments minus fees and refunds (false: flagged)' }) agrees: boolean;
  @Field(() => [ID], { description: 'Our payments it carried' }) paymentIds: string[];
  @Field(() => ID, { nullable: true, description: 'The bank line it was matched to' }) lineId: string | null;

  static from(v: PayoutView): StripePayoutObject {
    const m = (x: bigint) => MoneyObject.from(Money.of(x, v.payout.currency));
    const s = v.summary;
    return Object.assign(new StripePayoutObject(), {
      id: v.payout.id,
      amount: m(v.payout.amount),
      arrivalDate: v.payout.arrivalDate,
      status: v.payout.status,
      payments: m(s.payments),
      fees: m(s.fees),
      refunds: m(s.refunds),
      adjustments: m(s.adjustments),
      expected: m(s.expected),
      discrepancy: m(s.discrepancy),
      agrees: s.agrees,
      paymentIds: [...new Set(v.payout.transactions.map((t) => t.paymentId).filter((id): id is string => id !== null))],
      lineId: v.lineId,
    });
  }
}
