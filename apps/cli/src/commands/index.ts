import type { CliCommand } from '../cli-command.js';

/** Every CLI command. A new command file is added here. */
export const commands: CliCommand[] = [];
