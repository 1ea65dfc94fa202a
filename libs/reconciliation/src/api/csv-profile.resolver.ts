import { Args, Field, InputType, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import type { CsvProfile } from '../csv/csv-profile.js';
import { CsvProfiles } from '../csv/csv-profiles.service.js';

export enum CsvEncoding {
  SHIFT_JIS = 'SHIFT_JIS',
  UTF8 = 'UTF8',
}
export enum CsvDateFormat {
  YMD = 'YMD',
  ERA = 'ERA',
}
registerEnumType(CsvEncoding, { name: 'CsvEncoding' });
registerEnumType(CsvDateFormat, { name: 'CsvDateFormat', description: 'YMD: 2026/04/01, 2026-04-01, 20260401, 2026年4月1日; ERA: R8.4.1, 令和8年4月1日' });

const column = (name: string) => Matches(/^[^,"\r\n]{1,40}$/, { message: `${name}: a header name of 1 to 40 characters without commas or quotes / 1〜40文字の列名 (カンマ・引用符なし)` });

@InputType()
export class CsvProfileInput {
  @Field({ description: 'A–Z, 0–9 and _, starting with a letter (2–32)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,31}$/, { message: 'code: A–Z, 0–9 and _, starting with a letter / 英大文字で始まる英数字と _' })
  code: string;

  @Field() @IsString() @Length(1, 80) nameJa: string;
  @Field() @IsString() @Length(1, 80) nameEn: string;
  @Field(() => CsvEncoding) @IsEnum(CsvEncoding) encoding: CsvEncoding;
  @Field(() => CsvDateFormat) @IsEnum(CsvDateFormat) dateFormat: CsvDateFormat;
  @Field({ description: 'Header of the date column' }) @column('date') date: string;
  @Field({ description: 'Header of the payer / 摘要 column' }) @column('payer') payer: string;
  @Field(() => String, { nullable: true }) @IsOptional() @column('memo') memo?: string | null;
  @Field(() => String, { nullable: true, description: 'One signed amount column, or amountIn and amountOut' }) @IsOptional() @column('amount') amount?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @column('amountIn') amountIn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @column('amountOut') amountOut?: string | null;
}

@ObjectType('CsvProfile')
export class CsvProfileObject {
  @Field() code: string;
  @Field() nameJa: string;
  @Field() nameEn: string;
  @Field() encoding: string;
  @Field() dateFormat: string;
  @Field() date: string;
  @Field() payer: string;
  @Field(() => String, { nullable: true }) memo: string | null;
  @Field(() => String, { nullable: true }) amount: string | null;
  @Field(() => String, { nullable: true }) amountIn: string | null;
  @Field(() => String, { nullable: true }) amountOut: string | null;
  @Field({ description: 'Shipped with Rentai (not editable)' }) builtIn: boolean;

  static from(p: CsvProfile, builtIn: boolean): CsvProfileObject {
    const c = p.columns;
    return Object.assign(new CsvProfileObject(), { code: p.code, nameJa: p.nameJa, nameEn: p.nameEn, encoding: p.encoding, dateFormat: p.dateFormat, date: c.date, payer: c.payer, memo: c.memo ?? null, amount: c.amount ?? null, amountIn: c.amountIn ?? null, amountOut: c.amountOut ?? null, builtIn });
  }
}

@Resolver()
export class CsvProfileResolver {
  constructor(private readonly profiles: CsvProfiles) {}

  @Query(() => [CsvProfileObject], { description: 'CSV statement profiles: the shipped ones and those admins added' })
  @Allow(Role.FEDERATION_ADMIN, Role.BRANCH_ADMIN, Role.BRANCH_TREASURER, Role.AUDITOR)
  async csvProfiles() {
    return (await this.profiles.list()).map((p) => CsvProfileObject.from(p.profile, p.builtIn));
  }

  @Mutation(() => CsvProfileObject, { description: "Adds or replaces a CSV profile for a bank's statement export (federation admins)" })
  @Allow(Role.FEDERATION_ADMIN)
  async saveCsvProfile(@CurrentActor() actor: Actor, @Args('input') input: CsvProfileInput) {
    const profile: CsvProfile = {
      code: input.code, nameJa: input.nameJa, nameEn: input.nameEn, encoding: input.encoding, dateFormat: input.dateFormat,
      columns: { date: input.date, payer: input.payer, memo: input.memo ?? null, amount: input.amount ?? null, amountIn: input.amountIn ?? null, amountOut: input.amountOut ?? null },
    };
    return CsvProfileObject.from(await this.profiles.save(actor, profile), false);
  }

  @Mutation(() => Boolean, { description: 'Removes a CSV profile an admin added (federation admins)' })
  @Allow(Role.FEDERATION_ADMIN)
  async removeCsvProfile(@CurrentActor() actor: Actor, @Args('code') code: string) {
    return this.profiles.remove(actor, code);
  }
}
