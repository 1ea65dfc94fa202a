import type { AppConfig, DatabaseConfig } from '#core';
import type { DemoAccount } from '#members';
import { DEMO_NOT_DEVELOPMENT, demoAccountsTable } from '../apps/cli/src/commands/seed-demo.command.js';

export type Part = 'gateway' | 'worker';

/** What `npm start` prints once everything answers: where it runs, how to sign in, stop, read the logs and reset the demo. */
export function startSummary(input: {
  config: AppConfig;
  database: DatabaseConfig;
  parts: Part[];
  accounts: DemoAccount[];
  inboxUrl: string | null;
  logFiles: string[];
}): string {
  const { config, parts } = input;
  const base = config.publicUrl.replace(/\/+$/, '');
  const lines = ['', '─'.repeat(72), 'Rentai is running / 連帯が起動しました', ''];
  if (parts.includes('gateway')) {
    lines.push(`  GraphQL          ${base}/graphql`);
    if (!config.production) lines.push(`  GraphiQL         ${base}/graphiql`);
    lines.push(`  gateway health   ${base}/health`);
  }
  if (parts.includes('worker')) lines.push(`  worker health    http://localhost:${config.workerHealthPort}/health`);
  if (input.inboxUrl) lines.push(`  mail inbox       ${input.inboxUrl}   (every e-mail sent, sign-in links too / 送信メールの受信箱)`);
  if (input.accounts.length > 0) lines.push('', 'Demo sign-in accounts / デモ用アカウント:', demoAccountsTable(input.accounts));
  if (config.nodeEnv !== 'development') lines.push('', `No demo accounts (NODE_ENV=${config.nodeEnv}). ${DEMO_NOT_DEVELOPMENT}`);
  lines.push(
    '',
    '  stop / 停止        Ctrl-C',
    `  logs / ログ        this terminal, and ${input.logFiles.join(', ')}`,
    ...(config.production ? [] : [`  reset the demo     npm start -- --reset   (drops ${input.database.address} and seeds it again / デモをやり直す)`]),
    '─'.repeat(72),
    '',
  );
  return lines.join('\n');
}
