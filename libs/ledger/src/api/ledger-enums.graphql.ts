import { registerEnumType } from '@nestjs/graphql';
import { Role } from '#auth';
import { BookKind } from '../book.entity.js';
import { AccountType } from '../chart.js';
import { PeriodStatus } from '../period.entity.js';

export enum SideEnum {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}

export enum JournalSourceEnum {
  INVOICE = 'INVOICE',
  PAYMENT = 'PAYMENT',
  DONATION = 'DONATION',
  GRANT = 'GRANT',
  SETTLEMENT = 'SETTLEMENT',
  MANUAL = 'MANUAL',
  REFUND = 'REFUND',
  FEE = 'FEE',
}

registerEnumType(BookKind, { name: 'BookKind', description: 'FEDERATION, BRANCH (one per branch) or FOUNDATION' });
registerEnumType(AccountType, { name: 'AccountType' });
registerEnumType(PeriodStatus, { name: 'PeriodStatus' });
registerEnumType(SideEnum, { name: 'Side', description: '借方 DEBIT / 貸方 CREDIT' });
registerEnumType(JournalSourceEnum, { name: 'JournalSource', description: 'What business event an entry records' });

/** Who reads ledgers (each only the books in their scope). The auditor reads everything and changes nothing. */
export const LEDGER_READERS = [Role.FederationAdmin, Role.Auditor, Role.BranchAdmin, Role.BranchTreasurer, Role.GrantOfficer, Role.GrantApprover];
