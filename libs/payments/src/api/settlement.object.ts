import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import { RecognitionPolicy } from '#dues';
import type { Settlement } from '../settlement.entity.js';
import type { SettlementStatement } from '../settlement-statement.js';
import { SettlementDirection } from './payment-enums.js';

@ObjectType('Settlement', { description: '精算: a transfer clearing what a branch and the federation owe each other' })
export class SettlementObject {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => SettlementDirection) direction: SettlementDirection;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() settledOn: string;
  @Field(() => String, { nullable: true, description: "Date of the branch book's entry (later than settledOn when that month was closed)" }) postedOn: string | null;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => String, { nullable: true }) memo: string | null;
  @Field(() => ID) recordedBy: string;
  @Field(() => GraphQLISODateTime) recordedAt: Date;

  static from(s: Settlement): SettlementObject {
    return Object.assign(new SettlementObject(), {
      id: s.id,
      branchId: s.branchId,
      direction: s.direction,
      amount: MoneyObject.from(Money.of(s.amount, s.currency)),
      settledOn: s.settledOn,
      postedOn: s.postedOn,
      reference: s.reference,
      memo: s.memo,
      recordedBy: s.recordedBy,
      recordedAt: s.recordedAt,
    });
  }
}

@ObjectType('InterBookBalances')
export class InterBookBalancesObject {
  @Field(() => MoneyObject, { description: 'Branch book: due to the federation' }) owedToFederation: MoneyObject;
  @Field(() => MoneyObject, { description: 'Branch book: due from the federation' }) owedByFederation: MoneyObject;
  @Field(() => MoneyObject, { description: 'owedToFederation − owedByFederation (negative: the federation owes the branch)' }) net: MoneyObject;
}

@ObjectType('SettlementStatementLine')
export class SettlementStatementLineObject {
  @Field() date: string;
  @Field({ description: 'ACCRUAL or SETTLEMENT' }) kind: string;
  @Field() description: string;
  @Field(() => String, { nullable: true }) entryId: string | null;
  @Field(() => MoneyObject, { description: 'Change of the net owed to the federation' }) change: MoneyObject;
  @Field(() => MoneyObject, { description: 'Net owed to the federation after this line' }) balance: MoneyObject;
}

@ObjectType('FederationView')
export class FederationViewObject {
  @Field(() => MoneyObject, { description: 'Federation book: due from this branch' }) dueFromBranch: MoneyObject;
  @Field(() => MoneyObject, { description: 'Federation book: due to this branch' }) dueToBranch: MoneyObject;
  @Field({ description: "false when the federation book does not mirror the branch book's balances" }) agrees: boolean;
}

@ObjectType('SettlementStatement')
export class SettlementStatementObject {
  @Field(() => ID) branchId: string;
  @Field(() => RecognitionPolicy, { description: 'The basis the branch book keeps dues on: ON_RECEIPT (shares accrue when paid) or ACCRUAL (when invoiced)' })
  recognition: RecognitionPolicy;
  @Field() branchCode: string;
  @Field() from: string;
  @Field() to: string;
  @Field(() => InterBookBalancesObject) opening: InterBookBalancesObject;
  @Field(() => InterBookBalancesObject) closing: InterBookBalancesObject;
  @Field(() => MoneyObject) accrued: MoneyObject;
  @Field(() => MoneyObject) settled: MoneyObject;
  @Field(() => [SettlementStatementLineObject]) lines: SettlementStatementLineObject[];
  @Field(() => FederationViewObject, { nullable: true }) federationView: FederationViewObject | null;
  @Field({ description: 'The statement as CSV (UTF-8 with BOM; headers in Japanese and English)' }) csv: string;

  static from(s: SettlementStatement, csv: string): SettlementStatementObject {
    const m = (amount: bigint) => MoneyObject.from(Money.of(amount, s.currency));
    const balances = (b: SettlementStatement['opening']) =>
      Object.assign(new InterBookBalancesObject(), { owedToFederation: m(b.owedToFederation), owedByFederation: m(b.owedByFederation), net: m(b.net) });
    return Object.assign(new SettlementStatementObject(), {
      branchId: s.branchId,
      recognition: s.recognition ?? RecognitionPolicy.ON_RECEIPT,
      branchCode: s.branchCode,
      from: s.from,
      to: s.to,
      opening: balances(s.opening),
      closing: balances(s.closing),
      accrued: m(s.accrued),
      settled: m(s.settled),
      lines: s.lines.map((l) =>
        Object.assign(new SettlementStatementLineObject(), { date: l.date, kind: l.kind, description: l.description, entryId: l.entryId || null, change: m(l.change), balance: m(l.balance) }),
      ),
      federationView: s.federationView
        ? Object.assign(new FederationViewObject(), { dueFromBranch: m(s.federationView.dueFromBranch), dueToBranch: m(s.federationView.dueToBranch), agrees: s.federationView.agrees })
        : null,
      csv,
    });
  }
}
