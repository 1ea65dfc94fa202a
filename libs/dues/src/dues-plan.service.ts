import { Injectable } from '@nestjs/common';
import { TransactionService, isUniqueViolation, type Page } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { AllocationRuleError, assertValidRule } from './allocation.js';
import { DuesError } from './dues.errors.js';
import { MemberKind } from '#members';
import { DuesPlan } from './dues-plan.entity.js';
import { DuesPlanRepository } from './dues-plan.repository.js';
import type { CreateDuesPlanInput, UpdateDuesPlanInput } from './api/dues-plan.input.js';

/** Dues plans: created and changed by federation admins. Issued invoices keep their own snapshot. */
@Injectable()
export class DuesPlanService {
  constructor(
    private readonly tx: TransactionService,
    private readonly plans: DuesPlanRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateDuesPlanInput): Promise<DuesPlan> {
    const plan = Object.assign(new DuesPlan(), {
      code: input.code,
      nameJa: input.nameJa,
      nameEn: input.nameEn,
      memberKind: input.memberKind,
      sizeTier: input.sizeTier ?? null,
      amount: input.amount,
      currency: input.currency ?? 'JPY',
      periodMode: input.periodMode,
      fiscalYearStartMonth: input.fiscalYearStartMonth,
      graceDays: input.graceDays,
      joinerCharge: input.joinerCharge,
      federationShareKind: input.federationShareKind,
      federationShareValue: input.federationShareValue,
      active: true,
    });
    this.validate(plan);
    return this.tx.run(async () => {
      let saved: DuesPlan;
      try {
        saved = await this.plans.save(plan);
      } catch (error) {
        if (isUniqueViolation(error, 'dues_plans_code_key')) throw DuesError.planCodeTaken(input.code);
        throw error;
      }
      await this.audit.record(actor, { action: 'duesPlan.create', entityType: 'DuesPlan', entityId: saved.id, after: saved });
      return saved;
    });
  }

  async update(actor: Actor, input: UpdateDuesPlanInput): Promise<DuesPlan> {
    return this.tx.run(async () => {
      const plan = await this.plans.lockById(input.id);
      if (!plan) throw DuesError.planNotFound(input.id);
      const before = { ...plan };
      const changes = Object.fromEntries(Object.entries(input).filter(([k, v]) => k !== 'id' && v !== undefined && v !== null));
      Object.assign(plan, changes);
      this.validate(plan);
      const saved = await this.plans.save(plan);
      await this.audit.record(actor, { action: 'duesPlan.update', entityType: 'DuesPlan', entityId: plan.id, before, after: saved });
      return saved;
    });
  }

  async get(id: string): Promise<DuesPlan> {
    const plan = await this.plans.findById(id);
    if (!plan) throw DuesError.planNotFound(id);
    return plan;
  }

  /** A plan by its code (IND-STD), BAD_USER_INPUT on `field` when none has it. */
  async getByCode(code: string, field: string): Promise<DuesPlan> {
    const plan = await this.plans.findByCode(code);
    if (!plan) throw DuesError.planNotFoundAt(field, code);
    return plan;
  }

  async list(filter: { activeOnly?: boolean }, page: { first: number; after?: string }): Promise<Page<DuesPlan>> {
    return this.plans.list(filter, page);
  }

  /** A plan's invariants, as field errors on the input. */
  private validate(plan: DuesPlan): void {
    if (plan.memberKind !== MemberKind.ORGANIZATION && plan.sizeTier) {
      throw DuesError.planSizeTierNotForPersons();
    }
    try {
      assertValidRule(plan.amount, plan.rule);
    } catch (error) {
      if (!(error instanceof AllocationRuleError)) throw error;
      const ja =
        error.field === 'amount'
          ? '金額は正の整数で入力してください'
          : plan.federationShareKind === 'BASIS_POINTS'
            ? 'ベーシスポイントは 0〜10000 (100%) で入力してください'
            : '連合会への固定配分は会費の金額以下にしてください';
      throw DuesError.planInvalidRule(error.field === 'amount' ? 'input.amount' : 'input.federationShareValue', { ja, en: error.message });
    }
  }
}
