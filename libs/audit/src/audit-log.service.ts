import { Injectable } from '@nestjs/common';
import { TransactionService, keysetPage, type Page } from '#core';
import type { Actor } from '#auth';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  branchId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** Only what changed, for the diff; bigint and Date made JSON-safe. */
function changed(before: object | null | undefined, after: object | null | undefined) {
  const plain = (o: object | null | undefined) =>
    o ? (JSON.parse(JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>) : null;
  const b = plain(before);
  const a = plain(after);
  if (!b || !a) return { before: b, after: a };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, b[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, a[k] ?? null])),
  };
}

/** Writes audit events in the caller's transaction, so they commit with the change. */
@Injectable()
export class AuditLog {
  constructor(private readonly tx: TransactionService) {}

  async record(actor: Actor, record: AuditRecord): Promise<void> {
    const diff = changed(record.before, record.after);
    await this.tx.repository(AuditEvent).insert({
      actorUserId: actor.userId,
      actorEmail: actor.email,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      branchId: record.branchId ?? null,
      before: diff.before as never,
      after: diff.after as never,
    });
  }

  async list(
    filter: { entityType?: string; entityId?: string; branchIds?: 'ALL' | string[] },
    page: { first: number; after?: string },
  ): Promise<Page<AuditEvent>> {
    const qb = this.tx.repository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :i', { i: filter.entityId });
    if (filter.branchIds && filter.branchIds !== 'ALL') qb.andWhere('e.branch_id = ANY(:b)', { b: filter.branchIds });
    return keysetPage(qb, [{ expression: 'e.id', value: (e) => e.id }], page, 'DESC');
  }
}
