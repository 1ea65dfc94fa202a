import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection, Money, MoneyObject } from '#core';
import { ReceiptKind, ReceiptStatus } from '../receipt-kind.js';
import type { Receipt } from '../receipt.entity.js';

@ObjectType('ReceiptLine', { description: 'A gift listed on a donation receipt (net of refunds)' })
export class ReceiptLineObject {
  @Field(() => ID) donationId: string;
  @Field({ description: 'YYYY-MM-DD' }) receivedOn: string;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() fundNameJa: string;
  @Field() fundNameEn: string;
}

@ObjectType('Receipt', { description: '領収書 / 寄附金受領証明書: numbered without gaps per book, year and kind' })
export class ReceiptObject {
  @Field(() => ID) id: string;
  @Field({ description: 'R2026-000042' }) number: string;
  @Field(() => ReceiptKind) kind: ReceiptKind;
  @Field(() => ReceiptStatus) status: ReceiptStatus;
  @Field() year: number;
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => ID, { nullable: true }) branchId: string | null;
  @Field() recipientName: string;
  @Field(() => String, { nullable: true }) recipientAddress: string | null;
  @Field(() => MoneyObject) amount: MoneyObject;
  @Field() purpose: string;
  @Field({ description: 'YYYY-MM-DD' }) receivedOn: string;
  @Field({ description: 'YYYY-MM-DD' }) issuedOn: string;
  @Field(() => ID, { nullable: true, description: 'The receipt this one replaces (a reissue)' }) replacesId: string | null;
  @Field(() => String, { nullable: true }) replacesNumber: string | null;
  @Field(() => Date, { nullable: true }) voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the stored PDF (null until rendered)' }) pdfSha256: string | null;
  @Field(() => [ReceiptLineObject], { description: 'The gifts a donation receipt covers (every gift of the year on an annual one); empty for dues' }) gifts: ReceiptLineObject[];

  static from(r: Receipt): ReceiptObject {
    return Object.assign(new ReceiptObject(), {
      id: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status,
      year: r.year,
      memberId: r.memberId,
      branchId: r.branchId,
      recipientName: r.recipientName,
      recipientAddress: r.recipientAddress,
      amount: MoneyObject.from(Money.of(r.amount, r.currency)),
      purpose: r.purpose,
      receivedOn: r.receivedOn,
      issuedOn: r.issuedOn,
      replacesId: r.replacesId,
      replacesNumber: r.replacesNumber,
      voidedAt: r.voidedAt,
      voidReason: r.voidReason,
      pdfSha256: r.pdfSha256,
      gifts: r.lines.map((l) => Object.assign(new ReceiptLineObject(), { ...l, amount: MoneyObject.from(Money.of(BigInt(l.amount), r.currency)) })),
    });
  }
}

export const ReceiptConnection = Connection(ReceiptObject);

@ObjectType('ReceiptPdf')
export class ReceiptPdfObject {
  @Field() filename: string;
  @Field({ description: 'The PDF, base64' }) base64: string;
  @Field() sha256: string;
}
