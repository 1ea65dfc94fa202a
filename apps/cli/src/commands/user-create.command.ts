import { InvalidArgumentError } from 'commander';
import { AppError } from '#core';
import { ALL_ROLES, BRANCH_ROLES, Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import type { CliCommand } from '../cli-command.js';

/** `input.grants.0.branchId` → `--branch`: errors name the option the operator typed. */
const OPTION_OF: Record<string, string> = { email: '--email', displayName: '--name', password: '--password', grants: '--role/--branch', locale: '--locale' };

function optionOf(field: string): string {
  const name = field.split('.')[1] ?? field;
  if (name === 'grants') return field.endsWith('branchId') ? '--branch' : field.endsWith('role') ? '--role' : '--role/--branch';
  return OPTION_OF[name] ?? field;
}

function parseRole(value: string): Role {
  const role = value.trim().toUpperCase() as Role;
  if (!ALL_ROLES.includes(role)) throw new InvalidArgumentError(`choose one of ${ALL_ROLES.join(', ')}`);
  return role;
}

/**
 * `user:create`: a staff user with a password, e.g. the first federation admin:
 *   npm run cli -- user:create --email admin@example.jp --name "連合 太郎" --password "…" [--role FEDERATION_ADMIN]
 */
export const userCreateCommand: CliCommand = (program, app) => {
  program
    .command('user:create')
    .description('Create a staff user, e.g. the first federation admin / スタッフユーザーを作成します')
    .requiredOption('--email <email>', 'e-mail address they sign in with')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--password <password>', 'at least 12 characters')
    .option('--role <role>', `one of ${ALL_ROLES.filter((r) => r !== Role.MEMBER).join(', ')}`, parseRole, Role.FEDERATION_ADMIN)
    .option('--branch <branchIds...>', 'branch ids, for BRANCH_ADMIN and BRANCH_TREASURER')
    .option('--locale <locale>', 'ja or en', 'ja')
    .action(async (options: { email: string; name: string; password: string; role: Role; branch?: string[]; locale: 'ja' | 'en' }) => {
      const branches = BRANCH_ROLES.has(options.role) ? (options.branch ?? [undefined]) : [];
      const grants = BRANCH_ROLES.has(options.role) ? branches.map((branchId) => ({ role: options.role, branchId })) : [{ role: options.role, branchId: options.branch?.[0] }];
      const accounts = (await app()).get(UserAccounts, { strict: false });
      try {
        const user = await accounts.createStaffUser(
          { email: options.email, displayName: options.name, password: options.password, grants, locale: options.locale },
          SYSTEM_ACTOR,
        );
        process.stdout.write(`Created ${user.email} (${user.id}) with ${grants.map((g) => g.role + (g.branchId ? ` on ${g.branchId}` : '')).join(', ')}\n`);
      } catch (error) {
        if (!(error instanceof AppError) || error.fields.length === 0) throw error;
        const lines = error.fields.map((f) => `  ${optionOf(f.field)}: ${f.messages.map((m) => `${m.en} / ${m.ja}`).join('; ')}`);
        throw new Error(`Could not create the user / ユーザーを作成できませんでした:\n${lines.join('\n')}`);
      }
    });
};
