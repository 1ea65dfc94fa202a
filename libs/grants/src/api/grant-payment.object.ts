import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Money, MoneyObject } from '#core';
import type { GrantBatch } from '../grant-batch.entity.js';
import type { GrantDisbursement } from '../grant-disbursement.entity.js';
import type { GrantPayee } from '../grant-payee.entity.js';
import { BankAccountType, DisbursementStatus, GrantBatchStatus, GrantPayeeKind } from './grant-enums.graphql.js';

@ObjectType('GrantPayee', { description: 'Bank details: grant staff only' })
export class GrantPayeeObject {
  @Field(() => ID) applicationId: string;
  @Field(() => GrantPayeeKind) kind: GrantPayeeKind;
  @Field() bankCode: string;
  @Field({ description: 'Kana name from the Zengin bank list' }) bankName: string;
  @Field() branchCode: string;
  @Field() branchName: string;
  @Field(() => BankAccountType) accountType: BankAccountType;
  @Field() accountNumber: string;
  @Field({ description: 'Zengin half-width kana' }) holderName: string;

  static from(p: GrantPayee): GrantPayeeObject {
    return Object.assign(new GrantPayeeObject(), p);
  }
}

@ObjectType('GrantDisbursement')
export class GrantDisbursementObject {
  @Field(() => ID) id: string;
  @Field(() => ID) applicationId: string;
  @Field(() => ID) programId: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field(() => DisbursementStatus) status: DisbursementStatus;
  @Field() final: boolean;
  @Field(() => ID, { nullable: true }) batchId: string | null;
  @Field(() => String, { nullable: true }) paidOn: string | null;
  @Field(() => String, { nullable: true }) returnReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The disbursement a returned one was queued again as' }) replacedBy: string | null;
  @Field(() => GraphQLISODateTime) scheduledAt: Date;

  static from(d: GrantDisbursement): GrantDisbursementObject {
    return Object.assign(new GrantDisbursementObject(), {
      id: d.id,
      applicationId: d.applicationId,
      programId: d.programId,
      amount: MoneyObject.from(Money.of(d.amount)),
      status: d.status,
      final: d.final,
      batchId: d.batchId,
      paidOn: d.paidOn,
      returnReason: d.returnReason,
      replacedBy: d.replacedBy,
      scheduledAt: d.scheduledAt,
    });
  }
}

@ObjectType('GrantBatch')
export class GrantBatchObject {
  @Field(() => ID) id: string;
  @Field(() => ID) programId: string;
  @Field() transferDate: string;
  @Field(() => GrantBatchStatus) status: GrantBatchStatus;
  @Field() lineEnding: string;
  @Field(() => Int) recordCount: number;
  @Field(() => MoneyObject) totalAmount: MoneyObject;
  @Field(() => String, { nullable: true }) fileSha256: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) exportedAt: Date | null;
  @Field(() => [GrantDisbursementObject]) disbursements: GrantDisbursementObject[];

  static from(b: GrantBatch, disbursements: readonly GrantDisbursement[] = []): GrantBatchObject {
    return Object.assign(new GrantBatchObject(), {
      id: b.id,
      programId: b.programId,
      transferDate: b.transferDate,
      status: b.status,
      lineEnding: b.lineEnding,
      recordCount: b.recordCount,
      totalAmount: MoneyObject.from(Money.of(b.totalAmount)),
      fileSha256: b.fileSha256,
      exportedAt: b.exportedAt,
      disbursements: disbursements.map(GrantDisbursementObject.from),
    });
  }
}

@ObjectType('GrantFile', { description: 'A file as base64' })
export class GrantFileObject {
  @Field() fileName: string;
  @Field() contentType: string;
  @Field() sha256: string;
  @Field(() => Int) sizeBytes: number;
  @Field() contentBase64: string;

  static of(fileName: string, contentType: string, content: Buffer, sha256: string): GrantFileObject {
    return Object.assign(new GrantFileObject(), { fileName, contentType, sha256, sizeBytes: content.length, contentBase64: content.toString('base64') });
  }
}
