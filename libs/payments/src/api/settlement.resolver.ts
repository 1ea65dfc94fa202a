import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, Allow, BRANCH_STAFF, BRANCH_WRITERS, CurrentActor } from '#auth';
import { SettlementRecording } from '../settlement-recording.service.js';
import { SettlementStatements } from '../settlement-statements.service.js';
import { settlementStatementCsv } from '../settlement-statement.js';
import { SettlementObject, SettlementStatementObject } from './settlement.object.js';
import { RecordSettlementInput, SettlementStatementArgs } from './settlement.input.js';

@Resolver(() => SettlementObject)
export class SettlementResolver {
  constructor(
    private readonly recording: SettlementRecording,
    private readonly statements: SettlementStatements,
  ) {}

  @Query(() => SettlementStatementObject, { description: 'What a branch and the federation owe each other over a period, from the ledger' })
  @Allow(...BRANCH_STAFF)
  async settlementStatement(@CurrentActor() actor: Actor, @Args() args: SettlementStatementArgs): Promise<SettlementStatementObject> {
    const statement = await this.statements.statement(actor, args.branchId, args.from, args.to);
    return SettlementStatementObject.from(statement, settlementStatementCsv(statement));
  }

  @Mutation(() => SettlementObject, { description: 'Records a settlement transfer; clears the pair in the branch and federation books' })
  @Allow(...BRANCH_WRITERS)
  async recordSettlement(@CurrentActor() actor: Actor, @Args('input') input: RecordSettlementInput): Promise<SettlementObject> {
    const { settlement } = await this.recording.record(actor, input.toCommand());
    return SettlementObject.from(settlement);
  }
}
