import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';

export interface StatusCount {
  status: string;
  count: number;
  requested: bigint;
}

export interface ProgramReportRow {
  statuses: StatusCount[];
  requested: bigint;
  approved: bigint;
  awarded: bigint;
  paid: bigint;
  /** Mean days from submission to the decision (approved or rejected), null when none decided. */
  daysToDecision: number | null;
  /** Mean days from submission to the first payment, null when none paid. */
  daysToPayment: number | null;
}

export interface GranteeRow {
  number: number;
  status: string;
  applicantNameKanji: string;
  applicantNameKana: string;
  courseProvider: string;
  courseName: string;
  approved: bigint;
  awarded: bigint;
  paid: bigint;
}

/** The program report, in a few aggregate statements. */
@Injectable()
export class GrantReportRepository {
  constructor(private readonly tx: TransactionService) {}

  async program(programId: string): Promise<ProgramReportRow> {
    const statuses: { status: string; count: number; requested: string }[] = await this.tx.manager.query(
      `SELECT status, count(*)::int AS count, sum(requested_amount)::text AS requested FROM grant_applications WHERE program_id = $1 GROUP BY status ORDER BY status`,
      [programId],
    );
    const [row] = await this.tx.manager.query(
      `SELECT COALESCE(sum(a.requested_amount) FILTER (WHERE a.status <> 'DRAFT'), 0)::text AS requested,
              COALESCE(sum(a.approved_amount), 0)::text AS approved,
              COALESCE(sum(a.awarded_amount), 0)::text AS awarded,
              (SELECT COALESCE(sum(amount), 0) FROM grant_disbursements WHERE program_id = $1 AND status = 'PAID')::text AS paid,
              avg(extract(epoch FROM a.decided_at - a.submitted_at) / 86400) FILTER (WHERE a.decided_at IS NOT NULL AND a.submitted_at IS NOT NULL) AS days_to_decision,
              avg(extract(epoch FROM a.first_paid_at - a.submitted_at) / 86400) FILTER (WHERE a.first_paid_at IS NOT NULL AND a.submitted_at IS NOT NULL) AS days_to_payment
         FROM grant_applications a WHERE a.program_id = $1`,
      [programId],
    );
    const days = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
    return {
      statuses: statuses.map((s) => ({ status: s.status, count: s.count, requested: BigInt(s.requested) })),
      requested: BigInt(row.requested),
      approved: BigInt(row.approved),
      awarded: BigInt(row.awarded),
      paid: BigInt(row.paid),
      daysToDecision: days(row.days_to_decision),
      daysToPayment: days(row.days_to_payment),
    };
  }

  /** Everyone awarded something (approved, paid, completed, or cancelled after a payment), by application number. */
  async grantees(programId: string): Promise<GranteeRow[]> {
    const rows: Record<string, string | number>[] = await this.tx.manager.query(
      `SELECT a.number, a.status, a.applicant_name_kanji, a.applicant_name_kana, a.course_provider, a.course_name,
              a.approved_amount::text AS approved, a.awarded_amount::text AS awarded,
              COALESCE((SELECT sum(d.amount) FROM grant_disbursements d WHERE d.application_id = a.id AND d.status = 'PAID'), 0)::text AS paid
         FROM grant_applications a
        WHERE a.program_id = $1 AND a.approved_amount IS NOT NULL AND a.awarded_amount > 0
        ORDER BY a.number`,
      [programId],
    );
    return rows.map((r) => ({
      number: Number(r.number),
      status: String(r.status),
      applicantNameKanji: String(r.applicant_name_kanji),
      applicantNameKana: String(r.applicant_name_kana),
      courseProvider: String(r.course_provider),
      courseName: String(r.course_name),
      approved: BigInt(r.approved),
      awarded: BigInt(r.awarded),
      paid: BigInt(r.paid),
    }));
  }
}
