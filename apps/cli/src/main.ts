import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { QUIET_BOOT, bootLogging } from '#core';
import { CliModule } from './cli.module.js';
import { commands } from './commands/index.js';

const state: { context: INestApplicationContext | null } = { context: null };
/** The application context, created on a command's first use; a failed start rejects with its one sentence. */
const app = async () => {
  if (!state.context) {
    state.context = await NestFactory.createApplicationContext(CliModule, QUIET_BOOT);
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
