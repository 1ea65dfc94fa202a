import type { CliCommand } from '../cli-command.js';
import { paymentsExportCommand } from './payments-export.command.js';

/** Every CLI command. A new command file is added here. */
export const commands: CliCommand[] = [paymentsExportCommand];
