import { Injectable } from '@nestjs/common';
import { PreparedStatements, TransactionService, keysetPage, type Page } from '#core';
import { AuditEvent } from './audit-event.entity.js';

/** Who acted, as the audit trail keeps it: an auth Actor fits, and so does the plain actor a domain event carries. */
export interface AuditActor {
  userId: string;
  email: string;
  displayName: string;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  branchId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** Records per INSERT in recordMany: one statement, one JSON parameter each. */
const RECORDS_PER_INSERT = 1000;

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
  constructor(
    private readonly tx: TransactionService,
    private readonly statements: PreparedStatements,
  ) {}

  async record(actor: AuditActor, record: AuditRecord): Promise<void> {
    const diff = changed(record.before, record.after);
    await this.tx.repository(AuditEvent).insert({
      actorUserId: actor.userId,
      actorEmail: actor.email,
      actorName: actor.displayName,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      branchId: record.branchId ?? null,
      before: diff.before as never,
      after: diff.after as never,
    });
  }

  /**
   * Many events by one actor (an import, a seed), set-based: one INSERT … SELECT FROM
   * jsonb_to_recordset per 1,000 records, in the caller's transaction. Each record is kept
   * exactly as record() keeps it (the same diff of before and after).
   */
  async recordMany(actor: AuditActor, records: readonly AuditRecord[], options: { deferred?: boolean } = {}): Promise<void> {
    for (let start = 0; start < records.length; start += RECORDS_PER_INSERT) {
      const rows = records.slice(start, start + RECORDS_PER_INSERT).map((r) => {
        const diff = changed(r.before, r.after);
        return { action: r.action, entity_type: r.entityType, entity_id: r.entityId, branch_id: r.branchId ?? null, before: diff.before, after: diff.after };
      });
      const write = {
        text: `INSERT INTO audit_events (actor_user_id, actor_email, actor_name, action, entity_type, entity_id, branch_id, before, after)
         SELECT $1, $2, $4, r.action, r.entity_type, r.entity_id, r.branch_id, r.before, r.after
           FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (action text, entity_type text, entity_id text, branch_id uuid, before jsonb, after jsonb))
                WITH ORDINALITY AS r(action, entity_type, entity_id, branch_id, before, after, n)
          ORDER BY r.n`,
        values: [actor.userId, actor.email, JSON.stringify(rows), actor.displayName],
      };
      if (options.deferred && this.tx.deferWrite(write)) continue;
      await this.statements.rows(write.text, write.values);
    }
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
