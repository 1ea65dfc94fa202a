import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { QUIET_BOOT, bootLogging, exitOnStartupError } from '#core';
import { CliModule } from './cli.module.js';
import { commands } from './commands/index.js';

const state: { context: INestApplicationContext | null } = { context: null };
/**
 * The application context, created on a command's first use. A failed start ends the process as
 * the gateway's and the worker's do (exitOnStartupError: its one sentence, exit code 1): what the
 * half-made context opened (connections) would otherwise keep it running.
 */
const app = async () => {
  if (!state.context) {
    state.context = await NestFactory.createApplicationContext(CliModule, QUIET_BOOT).catch(exitOnStartupError);
    bootLogging(state.context, ['error']);
  }
  return state.context;
};

const program = new Command('rentai').description('Rentai command line: imports, exports, checks / 連帯 コマンドライン');
for (const register of commands) register(program, app);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await state.context?.close();
}
