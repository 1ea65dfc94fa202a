import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { IdArg, isIsoDate } from '#core';
import { ACCOUNT_MAPPING_EDITORS, Actor, Allow, CurrentActor, LEDGER_READERS as READERS } from '#auth';
import type { AccountMappingEntry } from '../export/account-mapping.entity.js';
import { AccountMappings } from '../export/account-mappings.service.js';
import { JournalExports, MAX_EXPORT_ENTRIES } from '../export/journal-exports.service.js';
import type { ExportFormat } from '../export/journal-export.js';
import { ReconciliationError } from '../reconciliation.errors.js';

export enum JournalExportFormat {
  YAYOI = 'YAYOI',
  FREEE = 'FREEE',
  MONEY_FORWARD = 'MONEY_FORWARD',
  PLAIN = 'PLAIN',
}
registerEnumType(JournalExportFormat, { name: 'JournalExportFormat', description: '弥生インポート形式, freee 振替伝票, Money Forward 仕訳帳, or the plain CSV' });


@InputType()
export class AccountMappingRowInput {
  @Field({ description: 'An account code of the book' })
  @Matches(/^[0-9]{4,6}$/, { message: 'accountCode: 4 to 6 digits / 4〜6桁の数字' })
  accountCode: string;

  @Field({ description: '勘定科目 as registered in the accounting software' })
  @IsString()
  @Length(1, 40)
  @Matches(/^[^,"\r\n]+$/, { message: 'name: no commas, quotes or line breaks / カンマ・引用符・改行は使えません' })
  name: string;

  @Field(() => String, { nullable: true, description: '補助科目' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  @Matches(/^[^,"\r\n]+$/, { message: 'subName: no commas, quotes or line breaks / カンマ・引用符・改行は使えません' })
  subName?: string | null;

  @Field(() => String, { nullable: true, description: '税区分 (default 対象外)' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  taxClass?: string | null;
}

@InputType()
export class SetAccountMappingInput {
  @Field(() => ID)
  @IsUUID()
  bookId: string;

  @Field(() => [AccountMappingRowInput])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AccountMappingRowInput)
  entries: AccountMappingRowInput[];
}

@ObjectType('AccountMappingRow')
export class AccountMappingRowObject {
  @Field() accountCode: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) subName: string | null;
  @Field(() => String, { nullable: true }) taxClass: string | null;

  static from(e: AccountMappingEntry): AccountMappingRowObject {
    return Object.assign(new AccountMappingRowObject(), { accountCode: e.accountCode, name: e.name, subName: e.subName, taxClass: e.taxClass });
  }
}

@ObjectType('JournalExportFile')
export class JournalExportFileObject {
  @Field() filename: string;
  @Field({ description: 'The file, base64 (弥生 and Money Forward: Shift_JIS; freee and plain: UTF-8 with BOM)' }) contentBase64: string;
  @Field(() => Int) entries: number;
}

@Resolver()
export class JournalExportResolver {
  constructor(
    private readonly mappings: AccountMappings,
    private readonly exports: JournalExports,
  ) {}

  @Query(() => [AccountMappingRowObject], { description: "A book's stored account mapping for the accounting exports (other accounts export under their chart name)" })
  @Allow(...READERS)
  async accountMapping(@CurrentActor() actor: Actor, @IdArg('bookId') bookId: string) {
    return (await this.mappings.list(actor, bookId)).map(AccountMappingRowObject.from);
  }

  @Mutation(() => [AccountMappingRowObject], { description: "Sets how a book's accounts are called in its accounting software (federation admins, the branch's admins)" })
  @Allow(...ACCOUNT_MAPPING_EDITORS)
  async setAccountMapping(@CurrentActor() actor: Actor, @Args('input') input: SetAccountMappingInput) {
    return (await this.mappings.set(actor, input.bookId, input.entries)).map(AccountMappingRowObject.from);
  }

  @Query(() => JournalExportFileObject, { description: "A book's journal from..to for 弥生, freee, Money Forward or as plain CSV, with the book's account mapping" })
  @Allow(...READERS)
  async journalExport(
    @CurrentActor() actor: Actor,
    @IdArg('bookId') bookId: string,
    @Args('format', { type: () => JournalExportFormat }) format: JournalExportFormat,
    @Args('from', { description: 'YYYY-MM-DD' }) from: string,
    @Args('to', { description: 'YYYY-MM-DD' }) to: string,
  ) {
    if (!isIsoDate(from)) throw ReconciliationError.date('from');
    if (!isIsoDate(to)) throw ReconciliationError.date('to');
    const file = await this.exports.export(actor, { bookId, format: format as ExportFormat, from, to }, { maxEntries: MAX_EXPORT_ENTRIES });
    return { filename: file.filename, contentBase64: file.content.toString('base64'), entries: file.entries };
  }
}
