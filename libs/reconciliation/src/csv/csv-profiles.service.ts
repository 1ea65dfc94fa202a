import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { ReconciliationError } from '../reconciliation.errors.js';
import { BUILT_IN_PROFILES, type CsvProfile } from './csv-profile.js';
import { CsvProfileRecord } from './csv-profile.entity.js';

/**
 * CSV statement profiles: the shipped ones and those federation admins add for other banks
 * (reconciliation_csv_profiles). A built-in code cannot be taken or changed; a profile's columns
 * are distinct, with either one signed amount column or the in and out columns.
 */
@Injectable()
export class CsvProfiles {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<{ profile: CsvProfile; builtIn: boolean }[]> {
    const stored = await this.tx.repository(CsvProfileRecord).find({ order: { code: 'ASC' } });
    return [...BUILT_IN_PROFILES.map((profile) => ({ profile, builtIn: true })), ...stored.map((r) => ({ profile: { code: r.code, ...r.definition }, builtIn: false }))];
  }

  async find(code: string): Promise<CsvProfile | null> {
    const builtIn = BUILT_IN_PROFILES.find((p) => p.code === code);
    if (builtIn) return builtIn;
    const stored = await this.tx.repository(CsvProfileRecord).findOneBy({ code });
    return stored ? { code: stored.code, ...stored.definition } : null;
  }

  /** Adds or replaces an admin profile. */
  async save(actor: Actor, profile: CsvProfile): Promise<CsvProfile> {
    if (BUILT_IN_PROFILES.some((p) => p.code === profile.code)) throw ReconciliationError.profileBuiltIn(profile.code);
    requireShape(profile);
    return this.tx.run(async () => {
      const repo = this.tx.repository(CsvProfileRecord);
      const before = await repo.findOneBy({ code: profile.code });
      const { code, ...definition } = profile;
      await repo.save(repo.create({ code, name: profile.nameJa, definition, createdBy: before?.createdBy ?? actor.userId }));
      await this.audit.record(actor, { action: before ? 'csvProfile.update' : 'csvProfile.create', entityType: 'csv_profile', entityId: code, before: before ? { ...before.definition } : undefined, after: { ...definition } });
      return profile;
    });
  }

  async remove(actor: Actor, code: string): Promise<boolean> {
    if (BUILT_IN_PROFILES.some((p) => p.code === code)) throw ReconciliationError.profileBuiltIn(code);
    return this.tx.run(async () => {
      const repo = this.tx.repository(CsvProfileRecord);
      const before = await repo.findOneBy({ code });
      if (!before) throw ReconciliationError.unknownProfile(code);
      await repo.delete({ code });
      await this.audit.record(actor, { action: 'csvProfile.delete', entityType: 'csv_profile', entityId: code, before: { ...before.definition } });
      return true;
    });
  }
}

function requireShape(p: CsvProfile): void {
  const signed = !!p.columns.amount;
  const split = !!p.columns.amountIn && !!p.columns.amountOut;
  if (signed === split) throw ReconciliationError.profileAmountColumns();
  const names = [p.columns.date, p.columns.payer, p.columns.memo, p.columns.amount, p.columns.amountIn, p.columns.amountOut].filter((n): n is string => !!n);
  if (new Set(names).size !== names.length) throw ReconciliationError.profileColumnsRepeat();
}
