import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IdArg, isIsoDate } from '#core';
import { Actor, Allow, CurrentActor, Role } from '#auth';
import { ACCOUNT_READERS, ACCOUNT_WRITERS } from '../line-access.js';
import { GrantBatchMatching } from '../grants/grant-batch-matching.service.js';
import { BankAccounts } from '../bank-accounts.service.js';
import { LineConfirmation } from '../line-confirmation.service.js';
import { ReconciliationError } from '../reconciliation.errors.js';
import { StatementImport } from '../statement-import.service.js';
import { StatementLineRepository } from '../statement-line.repository.js';
import { StatementLinesArgs } from './statement-lines.args.js';
import { ConfirmStatementLineInput, ConfirmStatementLinesInput, ImportBankStatementInput, MarkStatementLineNotDuesInput, RegisterBankAccountInput } from './reconciliation.input.js';
import { BankAccountObject, BankStatementImportObject, StatementLineObject, StripePayoutObject } from './reconciliation.object.js';
import { LinePosting } from '../line-posting.service.js';
import { PayoutMatching } from '../payouts/payout-matching.service.js';
import { PaymentLinking } from '../payment-linking.service.js';
import { SettlementMatching } from '../settlements/settlement-matching.service.js';

/** Branch staff, and for the federation's and the foundation's accounts their staff: the services check which account. */
const READERS = ACCOUNT_READERS;
const WRITERS = ACCOUNT_WRITERS;

@Resolver()
export class ReconciliationResolver {
  constructor(
    private readonly accounts: BankAccounts,
    private readonly imports: StatementImport,
    private readonly confirmation: LineConfirmation,
    private readonly lines: StatementLineRepository,
    private readonly posting: LinePosting,
    private readonly payouts: PayoutMatching,
    private readonly linking: PaymentLinking,
    private readonly settlements: SettlementMatching,
    private readonly grantBatches: GrantBatchMatching,
  ) {}

  @Mutation(() => BankAccountObject, { description: "Registers a bank account of a book for statement import: a branch's (branchId), the federation's or the foundation's (holder)" })
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
    return BankStatementImportObject.from(await this.imports.import(actor, { branchId: input.branchId ?? null, content: Buffer.from(input.content, 'base64'), csvProfile: input.csvProfile ?? null, bankAccountId: input.bankAccountId ?? null }));
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
    if (input.paymentId) return StatementLineObject.from(await this.linking.link(actor, input.lineId, input.paymentId));
    if (input.payoutId) return StatementLineObject.from(await this.payouts.confirm(actor, input.lineId, input.payoutId));
    if (input.settlementId) return StatementLineObject.from(await this.settlements.confirm(actor, input.lineId, input.settlementId));
    if (input.grantBatchId) return StatementLineObject.from(await this.grantBatches.confirm(actor, input.lineId, input.grantBatchId));
    // The best suggestion of an outgoing line may be a settlement transfer (checked again under the line's lock).
    const best = input.allocations?.length ? undefined : (await this.lines.get(input.lineId))?.suggestions[0];
    if (best?.kind === 'SETTLEMENT' && best.settlementId) return StatementLineObject.from(await this.settlements.confirm(actor, input.lineId, best.settlementId));
    if (best?.kind === 'GRANT_BATCH' && best.grantBatchId) return StatementLineObject.from(await this.grantBatches.confirm(actor, input.lineId, best.grantBatchId));
    return StatementLineObject.from(await this.confirmation.confirm(actor, input));
  }

  @Mutation(() => [StatementLineObject], { description: 'Confirms many lines with their best suggestions at once (one bulk payment recording); one line that cannot be confirmed refuses all' })
  @Allow(...WRITERS)
  async confirmStatementLines(@CurrentActor() actor: Actor, @Args('input') input: ConfirmStatementLinesInput) {
    return (await this.confirmation.confirmMany(actor, input.lineIds)).map(StatementLineObject.from);
  }

  @Mutation(() => StatementLineObject, { description: 'Unconfirms a line: its payments are voided, or what reconciliation posted for it (a payout, not dues) is reversed' })
  @Allow(...WRITERS)
  async unconfirmStatementLine(@CurrentActor() actor: Actor, @IdArg('lineId') lineId: string, @Args('reason') reason: string) {
    return StatementLineObject.from(await this.confirmation.unconfirm(actor, lineId, reason));
  }

  @Mutation(() => StatementLineObject, { description: 'Marks a line as not dues (interest, a fee, a refund) with the account to post it to' })
  @Allow(...WRITERS)
  async markStatementLineNotDues(@CurrentActor() actor: Actor, @Args('input') input: MarkStatementLineNotDuesInput) {
    return StatementLineObject.from(await this.posting.markNotDues(actor, input));
  }

  @Query(() => [StripePayoutObject], { description: 'Stripe payouts arriving in the range with their payments, fees and refunds; flagged when they do not add up' })
  @Allow(Role.FEDERATION_ADMIN, Role.AUDITOR)
  async stripePayouts(@Args('from', { description: 'YYYY-MM-DD' }) from: string, @Args('to', { description: 'YYYY-MM-DD' }) to: string) {
    if (!isIsoDate(from)) throw ReconciliationError.date('from');
    if (!isIsoDate(to)) throw ReconciliationError.date('to');
    return (await this.payouts.list({ from, to })).map(StripePayoutObject.from);
  }
}
