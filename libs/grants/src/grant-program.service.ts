import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation, type Page } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { budgetFigures, fiscalYearOf, type BudgetFigures } from './budget.js';
import { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';
import { zenginName } from './zengin/half-width-kana.js';
import { requireBankBranch } from './grant-payee.service.js';
import type { CreateGrantProgramInput, UpdateGrantProgramInput } from './api/grant-program.input.js';

/** Grant programs: made and changed by approvers and federation admins; limits and budget checked here. */
@Injectable()
export class GrantProgramService {
  constructor(
    private readonly tx: TransactionService,
    private readonly programs: GrantProgramRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateGrantProgramInput): Promise<GrantProgram> {
    const payerName = zenginName(input.payerName, 40);
    if (!payerName.ok) throw GrantsError.bank.holderName(payerName.problem, 'input.payerName');
    requireBankBranch(input.payerBankCode, input.payerBranchCode, { bank: 'input.payerBankCode', branch: 'input.payerBranchCode' });
    const program = Object.assign(new GrantProgram(), {
      ...input,
      categories: [...new Set(input.categories)],
      requiredDocuments: [...new Set(input.requiredDocuments)],
      payerName: payerName.value,
      currency: 'JPY',
    });
    this.validate(program);
    return this.tx.run(async () => {
      let saved: GrantProgram;
      try {
        saved = await this.programs.save(program);
      } catch (error) {
        if (isUniqueViolation(error, 'grant_programs_code_key')) throw GrantsError.programCodeTaken(input.code);
        throw error;
      }
      await this.audit.record(actor, { action: 'grantProgram.create', entityType: 'GrantProgram', entityId: saved.id, after: saved });
      return saved;
    });
  }

  async update(actor: Actor, input: UpdateGrantProgramInput): Promise<GrantProgram> {
    return this.tx.run(async () => {
      const program = await this.programs.lockById(input.id);
      if (!program) throw GrantsError.programNotFound(input.id);
      const before = { ...program };
      const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'id' && v !== undefined && v !== null));
      Object.assign(program, changes);
      this.validate(program);
      // Under the program's lock: no award can slip in between this check and the change.
      const { awarded } = await this.programs.totals(program.id);
      if (program.totalBudget < awarded) throw GrantsError.budgetBelowAwarded(awarded);
      const saved = await this.programs.save(program);
      await this.audit.record(actor, { action: 'grantProgram.update', entityType: 'GrantProgram', entityId: program.id, before, after: saved });
      return saved;
    });
  }

  async get(id: string): Promise<GrantProgram> {
    const program = await this.programs.findById(id);
    if (!program) throw GrantsError.programNotFound(id);
    return program;
  }

  list(filter: { fiscalYear?: number | null }, page: { first: number; after?: string }): Promise<Page<GrantProgram>> {
    return this.programs.list(filter, page);
  }

  async budget(program: GrantProgram): Promise<BudgetFigures> {
    const { awarded, disbursed } = await this.programs.totals(program.id);
    return budgetFigures(program.totalBudget, awarded, disbursed);
  }

  private validate(p: GrantProgram): void {
    if (p.opensOn > p.closesOn) throw GrantsError.programDates();
    if (fiscalYearOf(p.opensOn) !== p.fiscalYear) throw GrantsError.programOutsideFiscalYear('input.opensOn', p.fiscalYear);
    if (fiscalYearOf(p.closesOn) !== p.fiscalYear) throw GrantsError.programOutsideFiscalYear('input.closesOn', p.fiscalYear);
    // A Zengin record holds at most 10 digits of yen, a trailer 12: no award or batch may outgrow them.
    if (p.totalBudget > 999_999_999_999n) throw GrantsError.zenginLimit('input.totalBudget', 999_999_999_999n);
    if (p.maxPerAward > 9_999_999_999n) throw GrantsError.zenginLimit('input.maxPerAward', 9_999_999_999n);
    if (p.maxPerAward > p.totalBudget) throw GrantsError.programLimits('input.maxPerAward');
    if (p.maxPerPerson > p.totalBudget) throw GrantsError.programLimits('input.maxPerPerson');
    if (p.maxPerPerson < p.maxPerAward) {
      throw GrantsError.perPersonBelowPerAward();
    }
  }
}
