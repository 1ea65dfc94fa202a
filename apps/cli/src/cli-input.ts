import type { INestApplicationContext } from '@nestjs/common';
import { AppError, type FieldError } from '#core';
import { ActorService, AuthErrors, SYSTEM_ACTOR, type Actor } from '#auth';
import { BranchDirectory, FederationError, type Branch } from '#federation';
import { MemberDirectory, MemberError, type MemberSummary } from '#members';
import { DuesError, DuesQueries, RecognitionPolicy, type Invoice } from '#dues';
import { PaymentReports, type Payment } from '#payments';
import { CLI_REASONS } from './cli.errors.js';

/*
 * What the commands that change money and memberships share: who acts (`--as`), members and branches
 * by the numbers and codes people use, and refusals printed in Japanese and English naming the option.
 */

/** The `--as` option: the staff user the command acts as. */
export const AS_OPTION = ['--as <email>', '操作する職員のメールアドレス (監査ログにその名前が残り、その権限の範囲で実行; 省略時はシステム)'] as const;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor of a command: the active staff user with this e-mail (their roles and branches, as a
 * password sign-in would give them), or the system when `--as` is omitted.
 */
export async function actorOf(context: INestApplicationContext, email: string | undefined): Promise<Actor> {
  if (email === undefined) return SYSTEM_ACTOR;
  const actor = await context.get(ActorService).staffByEmail(email);
  if (!actor) throw AuthErrors.staffUserNotFoundAt('--as', email);
  return actor;
}

/** A member by member number (P0000001) or id; BAD_USER_INPUT naming the option when none. */
export async function memberOf(context: INestApplicationContext, numberOrId: string, option = '--member'): Promise<MemberSummary> {
  const directory = context.get(MemberDirectory);
  const member = UUID.test(numberOrId) ? await directory.find(numberOrId) : (await directory.byNumbers([numberOrId])).get(numberOrId);
  if (!member) throw MemberError.notFoundAt(option, numberOrId);
  return member;
}

/** A branch by code (TKY) or id; BAD_USER_INPUT naming the option when none. */
export async function branchOf(context: INestApplicationContext, codeOrId: string, option = '--branch'): Promise<Branch> {
  const directory = context.get(BranchDirectory);
  const branch = UUID.test(codeOrId) ? (await directory.getMany([codeOrId])).get(codeOrId) : (await directory.byCodes([codeOrId])).get(codeOrId);
  if (!branch) throw FederationError.branchNotFoundAt(option, codeOrId);
  return branch;
}

/** An invoice by number (TKY-2027-000042) or id, as the actor may read it; BAD_USER_INPUT naming the option when none. */
export async function invoiceOf(context: INestApplicationContext, actor: Actor, numberOrId: string, option = '--invoice'): Promise<Invoice> {
  const queries = context.get(DuesQueries);
  if (!UUID.test(numberOrId)) return queries.invoiceByNumber(actor, numberOrId, option);
  try {
    return await queries.invoice(actor, numberOrId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw DuesError.invoiceNotFoundAt(option, numberOrId);
    throw error;
  }
}

/** A payment by the reference recorded with it (振込の照会番号, 領収書控えの番号) or its id, as the actor may read it. */
export function paymentOf(context: INestApplicationContext, actor: Actor, referenceOrId: string, option = '--payment'): Promise<Payment> {
  return context.get(PaymentReports).byReferenceOrId(actor, referenceOrId, option);
}

/** Stands in for an id whose lookup was refused, so the rest of the input is still validated (and its problems listed). */
export const UNRESOLVED_ID = '00000000-0000-4000-8000-000000000000';

/**
 * A command's options checked as a form checks its fields: every lookup and the input's validation run,
 * each refusal is noted under its option, and `refuse()` then refuses once with all of them. Anything that
 * is not a refusal (a bug) is thrown at once.
 */
export class OptionProblems {
  /** One slot per lookup, taken when it is asked for: the refusal lists the options in the order the command reads them. */
  private readonly slots: ({ error: AppError; fields: FieldError[] } | null)[] = [];

  /** The lookup's value, or undefined once its refusal is noted (under `option` when it names no field). */
  async settle<T>(option: string, lookup: Promise<T>): Promise<T | undefined> {
    const slot = this.slots.push(null) - 1;
    try {
      return await lookup;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.slots[slot] = { error, fields: error.fields.length > 0 ? error.fields : [{ field: option, messages: [error.text] }] };
      return undefined;
    }
  }

  /** Notes a refusal the command itself finds (an option's word). */
  note(error: AppError): void {
    this.slots.push({ error, fields: error.fields });
  }

  /** Refuses with every problem noted: the one error itself when there is one, else all of them under their options. */
  refuse(): void {
    const problems = this.slots.filter((p) => p !== null);
    if (problems.length === 0) return;
    if (problems.length === 1) throw problems[0].error;
    const fields = problems.flatMap((p) => p.fields);
    const codes = new Set(problems.map((p) => p.error.code));
    const reason = CLI_REASONS.OPTIONS_REFUSED;
    throw new AppError(codes.size === 1 ? problems[0].error.code : reason.code, reason.reason, reason.text(fields.length), fields);
  }
}

/**
 * Who acts (`--as`) and the branch an export or run is narrowed to (`--branch`, optional), both looked up, their
 * problems refused together: the actor, and the branch when one was asked for.
 */
export async function actorAndBranch(context: INestApplicationContext, options: { as?: string; branch?: string }): Promise<{ actor: Actor; branch: Branch | undefined }> {
  const problems = new OptionProblems();
  const [actor, branch] = await Promise.all([
    problems.settle('--as', actorOf(context, options.as)),
    options.branch === undefined ? undefined : problems.settle('--branch', branchOf(context, options.branch)),
  ]);
  problems.refuse();
  return { actor: actor!, branch };
}

/** The recognition basis, as the reports state it. */
export function basisLabel(policy: RecognitionPolicy): string {
  return policy === RecognitionPolicy.ACCRUAL ? 'ACCRUAL (発生主義: 請求時に未収会費を計上)' : 'ON_RECEIPT (受取時に会費収入を計上)';
}

/** Yen typed on the command line: a bigint when it is an integer, else the text as typed (the input's validator refuses it). */
export function amountOf(value: string | undefined): bigint | string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(/[,_]/g, '');
  return /^-?\d+$/.test(text) ? BigInt(text) : value;
}

/** A year typed on the command line: a number when it is an integer, else NaN (the input's validator refuses it). */
export function yearOf(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

const OPTION_OF: Record<string, string> = { memberId: '--member', planId: '--plan', invoiceId: '--invoice', allocations: '--invoice', branchId: '--branch', id: '--payment', fiscalYear: '--year' };

/** `input.receivedOn` → `--received-on`, `input.allocations.0.invoiceId` → `--invoice`: a refusal names what the operator typed. */
export function optionOf(field: string): string {
  if (field.startsWith('--')) return field;
  const name = field.replace(/^input\./, '').split('.')[0];
  return OPTION_OF[name] ?? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function line(field: FieldError): string {
  return `  ${optionOf(field.field)}: ${field.messages.map((m) => `${m.en} / ${m.ja}`).join('; ')}`;
}

/**
 * Runs a command's work; a refusal (an AppError: bad input, not found, forbidden, conflict) is printed
 * in English and Japanese with the options it concerns, and the exit code is 1. Nothing was changed:
 * the services refuse before writing or roll their transaction back. Anything else is a bug: thrown.
 */
export async function refusals(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A refused input says what is wrong with each option; anything else, in one sentence.
    const detail = error.fields.length > 0 ? `\n${error.fields.map(line).join('\n')}` : ` ${error.text.en} / ${error.text.ja}`;
    process.stderr.write(`Refused / 実行できませんでした:${detail}\n`);
    process.exitCode = 1;
  }
}

/** ¥12,000 */
export const yen = (amount: bigint | number) => `¥${amount.toLocaleString('en-US')}`;
