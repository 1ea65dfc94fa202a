import { IsIn, IsNotEmpty, IsOptional, Matches } from 'class-validator';
import { type Env, validatedConfig } from './env.js';

/**
 * 印紙税 (17号文書, receipts of ¥50,000 or more) as it applies to an issuer's paper receipts:
 * NONE — not taxable (公益法人, NPO法人, and receipts not issued in the course of business);
 * MEMBERS_ONLY — exempt only when given to the issuer's own members (a co-operative's 出資者);
 * TAXABLE — every paper receipt of ¥50,000 or more carries a 収入印紙.
 * An e-mailed PDF is not a paper document and never needs a stamp.
 */
export type StampDutyRule = 'NONE' | 'MEMBERS_ONLY' | 'TAXABLE';
export const STAMP_DUTY_RULES: readonly StampDutyRule[] = ['NONE', 'MEMBERS_ONLY', 'TAXABLE'];

/** What a receipt prints about the legal entity that issues it. */
export class ReceiptIssuer {
  /** 全国労働者協同組合連合会 */
  @IsNotEmpty()
  name: string;

  @IsNotEmpty()
  nameEn: string;

  /** 〒… address, one line. */
  @IsNotEmpty()
  address: string;

  /** 労働者協同組合連合会 / 認定特定非営利活動法人 / 公益財団法人 … */
  @IsNotEmpty()
  legalForm: string;

  /** 法人番号 (13 digits). */
  @IsOptional()
  @Matches(/^\d{13}$/, { message: 'must be a 13-digit corporate number (法人番号)' })
  corporateNumber: string | null;

  /**
   * For a 認定NPO法人 its 認定 (authority, number, date); for a 公益法人 its certificate
   * (認定 by the Cabinet Office or prefecture, number, date). Printed on donation receipts.
   */
  @IsOptional()
  certification: string | null;

  @IsIn(STAMP_DUTY_RULES, { message: `must be one of ${STAMP_DUTY_RULES.join(', ')}` })
  stampDuty: StampDutyRule;
}

/**
 * Who issues receipts, per book. The federation's and the branches' books belong to one legal
 * entity (支部 are not legal persons: a branch's receipt is the federation's, naming the branch as
 * the office that received the money); the foundation's book is the foundation's own. Issuer
 * details change seldom, are a legal fact about the entity rather than data edited in the app,
 * and must be right before the first receipt is numbered: configuration, validated at boot
 * (RECEIPT_ISSUER_* and RECEIPT_FOUNDATION_* override the demo federation's defaults).
 */
export class IssuerConfig {
  federation: ReceiptIssuer;
  foundation: ReceiptIssuer;

  static fromEnv(env: Env): IssuerConfig {
    const issuer = (prefix: string, defaults: Omit<ReceiptIssuer, never>): ReceiptIssuer =>
      validatedConfig(
        Object.assign(new ReceiptIssuer(), {
          name: env[`${prefix}NAME`] || defaults.name,
          nameEn: env[`${prefix}NAME_EN`] || defaults.nameEn,
          address: env[`${prefix}ADDRESS`] || defaults.address,
          legalForm: env[`${prefix}LEGAL_FORM`] || defaults.legalForm,
          corporateNumber: env[`${prefix}CORPORATE_NUMBER`] || defaults.corporateNumber,
          certification: env[`${prefix}CERTIFICATION`] || defaults.certification,
          stampDuty: (env[`${prefix}STAMP_DUTY`] || defaults.stampDuty) as StampDutyRule,
        }),
        {
          name: `${prefix}NAME`,
          nameEn: `${prefix}NAME_EN`,
          address: `${prefix}ADDRESS`,
          legalForm: `${prefix}LEGAL_FORM`,
          corporateNumber: `${prefix}CORPORATE_NUMBER`,
          certification: `${prefix}CERTIFICATION`,
          stampDuty: `${prefix}STAMP_DUTY`,
        },
      );
    return Object.assign(new IssuerConfig(), {
      federation: issuer('RECEIPT_ISSUER_', {
        name: '全国労働者協同組合連合会',
        nameEn: 'National Federation of Worker Cooperatives',
        address: '〒101-0051 東京都千代田区神田神保町三丁目2番1号 連帯会館4階',
        legalForm: '労働者協同組合連合会',
        corporateNumber: '7010005099999',
        certification: null,
        stampDuty: 'MEMBERS_ONLY',
      }),
      foundation: issuer('RECEIPT_FOUNDATION_', {
        name: '公益財団法人 連帯協同労働基金',
        nameEn: 'Rentai Cooperative Work Foundation',
        address: '〒101-0051 東京都千代田区神田神保町三丁目2番1号 連帯会館4階',
        legalForm: '公益財団法人',
        corporateNumber: '8010005099998',
        certification: '公益認定 内閣府 府益第1234号 (2015年4月1日)',
        stampDuty: 'NONE',
      }),
    });
  }
}
