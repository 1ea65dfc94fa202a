import { registerEnumType } from '@nestjs/graphql';

/** What a receipt is for; each kind is numbered on its own. */
export enum ReceiptKind {
  /** 領収書 for membership dues. */
  DUES = 'DUES',
  /** 寄附金受領証明書 for one gift. */
  DONATION = 'DONATION',
  /** 寄附金受領証明書 (年間) listing a donor's gifts of a calendar year. */
  ANNUAL_DONATION = 'ANNUAL_DONATION',
}

export enum ReceiptStatus {
  ISSUED = 'ISSUED',
  /** 無効: keeps its number; a reissue points at it. */
  VOID = 'VOID',
}

registerEnumType(ReceiptKind, { name: 'ReceiptKind', description: 'DUES 領収書, DONATION 寄附金受領証明書, ANNUAL_DONATION 年間の寄附金受領証明書' });
registerEnumType(ReceiptStatus, { name: 'ReceiptStatus' });
