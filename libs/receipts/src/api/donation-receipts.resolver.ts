import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { AnnualReceiptRun } from '../donations/annual-receipt-run.service.js';
import { DonorRegister, type RegisterEncoding } from '../donations/donor-register.service.js';
import { RECEIPT_READERS } from '../receipt-access.js';

export enum DonorRegisterEncoding {
  /** UTF-8 with a byte-order mark (Excel opens it as UTF-8). */
  UTF8_BOM = 'UTF8_BOM',
  /** Shift_JIS (CP932), for older Japanese Excel and accounting software. */
  SHIFT_JIS = 'SHIFT_JIS',
}
registerEnumType(DonorRegisterEncoding, { name: 'DonorRegisterEncoding' });

@ArgsType()
class DonorRegisterArgs {
  @Field(() => ID, { description: 'The issuing book' }) @IsUUID('all', { message: 'bookId must be an id' })
  bookId: string;

  @Field(() => Int, { description: 'Fiscal year (April to March), e.g. 2026 for 2026-04-01〜2027-03-31' })
  @IsInt({ message: 'fiscalYear must be a whole number' }) @Min(2000, { message: 'fiscalYear is from 2000 to 2100' }) @Max(2100, { message: 'fiscalYear is from 2000 to 2100' })
  fiscalYear: number;

  @Field(() => DonorRegisterEncoding, { defaultValue: DonorRegisterEncoding.UTF8_BOM }) @IsOptional() @IsEnum(DonorRegisterEncoding)
  encoding: DonorRegisterEncoding;
}

@ArgsType()
class AnnualRunArgs {
  @Field(() => Int, { description: 'The calendar year covered (January–December)' })
  @IsInt({ message: 'year must be a whole number' }) @Min(2000, { message: 'year is from 2000 to 2100' }) @Max(2100, { message: 'year is from 2000 to 2100' })
  year: number;
}

@ObjectType('DonorRegisterFile', { description: '寄附者名簿 / donor register as CSV' })
class DonorRegisterFileObject {
  @Field() filename: string;
  @Field({ description: 'text/csv; charset=utf-8 or Shift_JIS' }) contentType: string;
  @Field(() => DonorRegisterEncoding) encoding: DonorRegisterEncoding;
  @Field({ description: 'The file, base64' }) base64: string;
  @Field(() => Int, { description: 'Gifts listed' }) rows: number;
}

@ObjectType('AnnualReceiptRun', { description: 'What a run of the annual donation receipts did' })
class AnnualReceiptRunObject {
  @Field(() => Int) year: number;
  @Field(() => Int, { description: 'Annual receipts issued by this run' }) issued: number;
  @Field(() => Int, { description: 'Donors whose annual receipt was issued before' }) alreadyIssued: number;
}

@Resolver()
export class DonationReceiptsResolver {
  constructor(
    private readonly register: DonorRegister,
    private readonly annual: AnnualReceiptRun,
  ) {}

  @Query(() => DonorRegisterFileObject, { description: '寄附者名簿: every gift to the book in the fiscal year (name, address, amount, date); staff of the book’s branch, federation-wide roles for every book' })
  @Allow(...RECEIPT_READERS)
  async donorRegisterCsv(@CurrentActor() actor: Actor, @Args() args: DonorRegisterArgs): Promise<DonorRegisterFileObject> {
    const encoding = args.encoding ?? DonorRegisterEncoding.UTF8_BOM;
    const file = await this.register.csv(actor, args.bookId, args.fiscalYear, encoding as RegisterEncoding);
    return Object.assign(new DonorRegisterFileObject(), {
      filename: file.filename,
      contentType: `text/csv; charset=${encoding === DonorRegisterEncoding.SHIFT_JIS ? 'Shift_JIS' : 'utf-8'}`,
      encoding,
      base64: file.content.toString('base64'),
      rows: file.rows,
    });
  }

  @Mutation(() => AnnualReceiptRunObject, { description: 'Issues the annual donation receipts of a calendar year now (also done each January by the worker); a second run issues nothing more' })
  @Allow(Role.FEDERATION_ADMIN)
  async runAnnualDonationReceipts(@CurrentActor() actor: Actor, @Args() args: AnnualRunArgs): Promise<AnnualReceiptRunObject> {
    return Object.assign(new AnnualReceiptRunObject(), await this.annual.runAs(actor, args.year));
  }
}
