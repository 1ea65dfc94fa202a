import type { CliCommand } from '../cli-command.js';
import { autoRenewCommand } from './auto-renew.command.js';
import { duesCommand } from './dues.command.js';
import { duesMembershipCommand } from './dues-membership.command.js';
import { grantsCommand } from './grants.command.js';
import { importMembersCommand } from './import-members.command.js';
import { ledgerVerifyCommand } from './ledger-verify.command.js';
import { paymentsExportCommand } from './payments-export.command.js';
import { paymentsRecordCommand } from './payments-record.command.js';
import { receiptsCommand } from './receipts.command.js';
import { renewalsCommand } from './renewals.command.js';
import { seedDemoCommand } from './seed-demo.command.js';
import { statementsImportCommand } from './statements-import.command.js';
import { reconciliationCommand } from './reconciliation.command.js';
import { userCreateCommand } from './user-create.command.js';

/** Every CLI command. A new command file is added here. */
export const commands: CliCommand[] = [userCreateCommand, importMembersCommand, seedDemoCommand, ledgerVerifyCommand, duesCommand, duesMembershipCommand, paymentsExportCommand, paymentsRecordCommand, grantsCommand, statementsImportCommand, reconciliationCommand, autoRenewCommand, receiptsCommand, renewalsCommand];
