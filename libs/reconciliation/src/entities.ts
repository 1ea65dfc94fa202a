import { BankAccount } from './bank-account.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { StatementLine } from './statement-line.entity.js';
import { CsvProfileRecord } from './csv/csv-profile.entity.js';
import { AccountMappingEntry } from './export/account-mapping.entity.js';

export const reconciliationEntities = [BankAccount, BankStatement, StatementLine, CsvProfileRecord, AccountMappingEntry];
