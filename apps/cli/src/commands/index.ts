import type { CliCommand } from '../cli-command.js';
import { ledgerVerifyCommand } from './ledger-verify.command.js';
import { userCreateCommand } from './user-create.command.js';

/** Every CLI command. A new command file is added here. */
export const commands: CliCommand[] = [userCreateCommand, ledgerVerifyCommand];
