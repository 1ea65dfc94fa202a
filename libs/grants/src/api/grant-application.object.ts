import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import type { CostLines } from '../budget.js';
import type { GrantApplication } from '../grant-application.entity.js';
import type { GrantDocument } from '../grant-document.entity.js';
import { GrantApplicationStatus, GrantCostCategory, GrantDocumentKind } from './grant-enums.graphql.js';

@ObjectType('GrantCostLine')
export class GrantCostLineObject {
  @Field(() => GrantCostCategory) category: GrantCostCategory;
  @Field(() => MoneyObject) amount: MoneyObject;

  static list(lines: CostLines | null, currency = 'JPY'): GrantCostLineObject[] | null {
    if (!lines) return null;
    return Object.entries(lines).map(([category, amount]) =>
      Object.assign(new GrantCostLineObject(), { category: category as GrantCostCategory, amount: MoneyObject.from(Money.of(amount, currency)) }),
    );
  }
}

@ObjectType('GrantDocument')
export class GrantDocumentObject {
  @Field(() => ID) id: string;
  @Field(() => GrantDocumentKind) kind: GrantDocumentKind;
  @Field() fileName: string;
  @Field() contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field() sha256: string;
  @Field(() => GraphQLISODateTime) uploadedAt: Date;

  static from(d: GrantDocument): GrantDocumentObject {
    return Object.assign(new GrantDocumentObject(), { id: d.id, kind: d.kind, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256, uploadedAt: d.uploadedAt });
  }
}

@ObjectType('GrantReviewCheck')
export class GrantReviewCheckObject {
  @Field() item: string;
  @Field() ok: boolean;
}

@ObjectType('GrantApplication')
export class GrantApplicationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) programId: string;
  @Field({ description: 'e.g. CARE-2026-0007' }) code: string;
  @Field(() => GrantApplicationStatus) status: GrantApplicationStatus;
  @Field(() => ID, { nullable: true }) applicantMemberId: string | null;
  @Field() applicantNameKanji: string;
  @Field() applicantNameKana: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) address: string | null;
  @Field() locale: string;
  @Field(() => ID, { nullable: true }) referralBranchId: string | null;
  @Field(() => String, { nullable: true }) referralPartner: string | null;
  @Field() courseProvider: string;
  @Field() courseName: string;
  @Field() courseStartsOn: string;
  @Field() courseEndsOn: string;
  @Field(() => [GrantCostLineObject]) requestedCosts: GrantCostLineObject[];
  @Field(() => MoneyObject) requestedAmount: MoneyObject;
  @Field(() => ID) createdBy: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) submittedAt: Date | null;
  @Field(() => ID, { nullable: true }) reviewedBy: string | null;
  @Field(() => [GrantReviewCheckObject], { nullable: true }) reviewChecklist: GrantReviewCheckObject[] | null;
  @Field(() => MoneyObject, { nullable: true }) recommendedAmount: MoneyObject | null;
  @Field(() => String, { nullable: true }) reviewComment: string | null;
  @Field({ description: 'A first approver has approved; a second, different one must too' }) awaitingSecondApproval: boolean;
  @Field(() => ID, { nullable: true }) firstApprovedBy: string | null;
  @Field(() => [GrantCostLineObject], { nullable: true }) approvedCosts: GrantCostLineObject[] | null;
  @Field(() => MoneyObject, { nullable: true }) approvedAmount: MoneyObject | null;
  @Field(() => MoneyObject, { description: 'What counts against the budget now (cut to what was paid when the grant closed)' }) awardedAmount: MoneyObject;
  @Field(() => ID, { nullable: true }) decidedBy: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionComment: string | null;
  @Field(() => [GrantDocumentObject]) documents: GrantDocumentObject[];
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(a: GrantApplication, programCode: string, documents: readonly GrantDocument[] = []): GrantApplicationObject {
    const m = (v: bigint | null) => (v === null ? null : MoneyObject.from(Money.of(v, 'JPY')));
    return Object.assign(new GrantApplicationObject(), {
      ...a,
      code: `${programCode}-${String(a.number).padStart(4, '0')}`,
      requestedCosts: GrantCostLineObject.list(a.requestedCosts)!,
      requestedAmount: m(a.requestedAmount),
      reviewChecklist: a.reviewChecklist ? Object.entries(a.reviewChecklist).map(([item, ok]) => ({ item, ok })) : null,
      recommendedAmount: m(a.recommendedAmount),
      awaitingSecondApproval: a.firstApprovedBy !== null && a.status === 'UNDER_REVIEW',
      approvedCosts: GrantCostLineObject.list(a.approvedCosts ?? a.firstApprovedCosts),
      approvedAmount: m(a.approvedAmount),
      awardedAmount: m(a.awardedAmount),
      documents: documents.map(GrantDocumentObject.from),
    });
  }
}

export const GrantApplicationConnection = Connection(GrantApplicationObject);
