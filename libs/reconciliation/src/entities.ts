import { BankAccount } from './bank-account.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { StatementLine } from './statement-line.entity.js';

export const reconciliationEntities = [BankAccount, BankStatement, StatementLine];
