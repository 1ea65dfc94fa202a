import type { CliCommand } from '../cli-command.js';
import { duesCommand } from './dues.command.js';

/** Every CLI command. A new command file is added here. */
export const commands: CliCommand[] = [duesCommand];
