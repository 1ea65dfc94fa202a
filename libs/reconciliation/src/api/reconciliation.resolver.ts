import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg } from '#core';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor } from '#auth';
import { BankAccounts } from '../bank-accounts.service.js';
import { LineConfirmation } from '../line-confirmation.service.js';
import { ReconciliationError } from '../reconciliation.errors.js';
import { StatementImport } from '../statement-import.service.js';
import { StatementLineRepository } from '../statement-line.repository.js';
import { StatementLinesArgs } from './statement-lines.args.js';
import { ConfirmStatementLineInput, ImportBankStatementInput, MarkStatementLineNotDuesInput, RegisterBankAccountInput } from './reconciliation.input.js';
import { BankAccountObject, BankStatementImportObject, StatementLineObject } from './reconciliation.object.js';

const READERS = BRANCH_STAFF;
const WRITERS = BRANCH_WRITERS;

@Resolver()
export class ReconciliationResolver {
  constructor(
    private readonly accounts: BankAccounts,
    private readonly imports: StatementImport,
    private readonly confirmation: LineConfirmation,
    private readonly lines: StatementLineRepository,
  ) {}

  @Mutation(() => BankAccountObject, { description: "Registers a bank account of a branch's book for statement import" })
  @Allow(...WRITERS)
  async registerBankAccount(@CurrentActor() actor: Actor, @Args('input') input: RegisterBankAccountInput) {
    return BankAccountObject.from(await this.accounts.register(actor, input));
  }

  @Query(() => [BankAccountObject])
  @Allow(...READERS)
  async bankAccounts(@CurrentActor() actor: Actor, @IdArg('branchId', { nullable: true }) branchId?: string | null) {
    return (await this.accounts.list(actor, branchId)).map(BankAccountObject.from);
  }

  @Mutation(() => BankStatementImportObject, { description: 'Imports a bank statement file (base64); the same file twice changes nothing; sure matches are confirmed' })
  @Allow(...WRITERS)
  async importBankStatement(@CurrentActor() actor: Actor, @Args('input') input: ImportBankStatementInput) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.content) || input.content.length % 4 !== 0) throw ReconciliationError.contentNotBase64();
    return BankStatementImportObject.from(await this.imports.import(actor, { branchId: input.branchId, content: Buffer.from(input.content, 'base64'), csvProfile: input.csvProfile ?? null, bankAccountId: input.bankAccountId ?? null }));
  }

  @Query(() => [StatementLineObject], { description: 'A page of the lines of a bank account in statement order, with their suggestions; `after` is the last line id seen' })
  @Allow(...READERS)
  async statementLines(@CurrentActor() actor: Actor, @Args() args: StatementLinesArgs) {
    await this.accounts.get(actor, args.bankAccountId);
    return (await this.lines.ofAccount(args.bankAccountId, { status: args.status ?? null, first: args.first, after: args.after ?? null })).map(StatementLineObject.from);
  }

  @Mutation(() => StatementLineObject, { description: 'Confirms a line (the best suggestion, another candidate or a split): payments recorded' })
  @Allow(...WRITERS)
  async confirmStatementLine(@CurrentActor() actor: Actor, @Args('input') input: ConfirmStatementLineInput) {
    return StatementLineObject.from(await this.confirmation.confirm(actor, input));
  }

  @Mutation(() => StatementLineObject, { description: "Unconfirms a line: its payments are voided" })
  @Allow(...WRITERS)
  async unconfirmStatementLine(@CurrentActor() actor: Actor, @IdArg('lineId') lineId: string, @Args('reason') reason: string) {
    return StatementLineObject.from(await this.confirmation.unconfirm(actor, lineId, reason));
  }

  @Mutation(() => StatementLineObject, { description: 'Marks a line as not dues (interest, a fee, a refund) with the account to post it to' })
  @Allow(...WRITERS)
  async markStatementLineNotDues(@CurrentActor() actor: Actor, @Args('input') input: MarkStatementLineNotDuesInput) {
    return StatementLineObject.from(await this.confirmation.markNotDues(actor, input));
  }
}
