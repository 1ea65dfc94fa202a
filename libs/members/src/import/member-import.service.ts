import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, TransactionService, type LocalizedText } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { BranchDirectory, type Branch } from '#federation';
import { MemberKind } from '../member-number.js';
import { MemberNumbering } from '../member-numbering.service.js';
import { importedMemberEvent, personRows } from '../member-rows.js';
import { MemberSignIns } from '../member-sign-in.service.js';
import type { Member } from '../member.entity.js';
import { MemberRepository } from '../member.repository.js';
import { MemberError } from '../members.errors.js';
import { CSV_COLUMNS, decodeCsv, mapHeader, parseCsv, type CsvEncoding, type CsvField, type HeaderMap } from './member-csv.js';
import { readCsvRow, type MemberCsvRow, type RowProblem } from './member-csv-row.js';

export interface MemberImportOptions {
  encoding?: CsvEncoding;
  /** Branch for rows without a branch column or cell. */
  defaultBranchCode?: string;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface MemberImportReport {
  encoding: 'utf8' | 'sjis';
  /** Data rows in the file. */
  rows: number;
  imported: number;
  /** Rows whose member is already registered (same member number or e-mail, same name): left as they are. */
  unchanged: number;
  /** One entry per problem (a row may have several), in row order. */
  rejected: RowProblem[];
}

interface Candidate {
  rowNumber: number;
  row: MemberCsvRow;
  branch: Branch;
}

const text = (en: string, ja: string): LocalizedText => ({ en, ja });

/**
 * Bulk import of individual members from CSV: every row validated like the GraphQL input,
 * rejected rows reported (row, column, reason), valid rows inserted set-based, batch by batch,
 * each batch in one transaction. Idempotent: a row whose member exists (same member number or
 * e-mail with the same name) is counted unchanged, so importing the same file twice changes nothing.
 * Each imported member gets their sign-in account (MemberSignIns) in the same transaction.
 */
@Injectable()
export class MemberImport {
  constructor(
    private readonly tx: TransactionService,
    private readonly members: MemberRepository,
    private readonly numbering: MemberNumbering,
    private readonly branches: BranchDirectory,
    private readonly signIns: MemberSignIns,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async importCsv(actor: Actor, bytes: Buffer, options: MemberImportOptions = {}): Promise<MemberImportReport> {
    const { text: content, encoding } = decodeCsv(bytes, options.encoding);
    const [headerRow, ...records] = parseCsv(content);
    if (!headerRow) throw MemberError.importEmptyFile();
    const header = mapHeader(headerRow);
    if (header.index.branchCode === undefined && !options.defaultBranchCode) header.missing.push('branchCode');
    if (header.missing.length > 0) {
      const names = header.missing.map((f) => CSV_COLUMNS[f][0]).join(', ');
      throw MemberError.importMissingColumns(names);
    }
    const report: MemberImportReport = { encoding, rows: records.length, imported: 0, unchanged: 0, rejected: [] };
    const branches = await this.branches.byCodes(this.branchCodes(records, header, options.defaultBranchCode));
    const seen = { emails: new Map<string, number>(), numbers: new Map<string, number>() };
    const batchSize = options.batchSize ?? 500;
    for (let start = 0; start < records.length; start += batchSize) {
      const candidates: Candidate[] = [];
      const batch = records.slice(start, start + batchSize);
      for (let i = 0; i < batch.length; i++) {
        const rowNumber = start + i + 2;
        const result = await readCsvRow(batch[i], header, rowNumber, options.defaultBranchCode);
        if (!result.row) {
          report.rejected.push(...result.problems);
          continue;
        }
        const problem = this.fileProblem(result.row, rowNumber, header, branches, seen);
        if (problem) report.rejected.push(problem);
        else candidates.push({ rowNumber, row: result.row, branch: branches.get(result.row.branchCode)! });
      }
      await this.importBatch(actor, candidates, header, report);
      options.onProgress?.(Math.min(start + batchSize, records.length), records.length);
    }
    report.rejected.sort((a, b) => a.row - b.row);
    return report;
  }

  private branchCodes(records: string[][], header: HeaderMap, fallback?: string): string[] {
    const codes = new Set<string>(fallback ? [fallback.toUpperCase()] : []);
    const index = header.index.branchCode;
    if (index !== undefined) for (const r of records) codes.add((r[index] ?? '').normalize('NFKC').trim().toUpperCase());
    return [...codes].filter(Boolean);
  }

  /** Problems visible from the file alone (plus the branch list): unknown branch, repeated e-mail or number. */
  private fileProblem(
    row: MemberCsvRow,
    rowNumber: number,
    header: HeaderMap,
    branches: Map<string, Branch>,
    seen: { emails: Map<string, number>; numbers: Map<string, number> },
  ): RowProblem | null {
    const column = (field: CsvField) => header.label[field] ?? CSV_COLUMNS[field][0];
    if (!branches.has(row.branchCode)) {
      return { row: rowNumber, column: column('branchCode'), reason: text(`No branch has the code ${row.branchCode}`, `支部コード ${row.branchCode} の支部はありません`) };
    }
    const firstEmail = seen.emails.get(row.email);
    if (firstEmail) {
      return { row: rowNumber, column: column('email'), reason: text(`Same e-mail address as row ${firstEmail}`, `${firstEmail}行目と同じメールアドレスです`) };
    }
    const firstNumber = row.memberNumber ? seen.numbers.get(row.memberNumber) : undefined;
    if (firstNumber) {
      return { row: rowNumber, column: column('memberNumber'), reason: text(`Same member number as row ${firstNumber}`, `${firstNumber}行目と同じ会員番号です`) };
    }
    seen.emails.set(row.email, rowNumber);
    if (row.memberNumber) seen.numbers.set(row.memberNumber, rowNumber);
    return null;
  }

  /** One transaction: a few look-ups for the whole batch, then one insert per table (audit events included). */
  private async importBatch(actor: Actor, candidates: Candidate[], header: HeaderMap, total: MemberImportReport): Promise<void> {
    if (candidates.length === 0) return;
    const column = (field: CsvField) => header.label[field] ?? CSV_COLUMNS[field][0];
    // Counted afresh on each attempt: the transaction may be retried.
    const outcome = await this.tx.run(async () => {
      const report = { imported: 0, unchanged: 0, rejected: [] as RowProblem[] };
      const byNumber = await this.members.byMemberNumbers(candidates.flatMap((c) => (c.row.memberNumber ? [c.row.memberNumber] : [])));
      const byEmail = await this.members.byEmails(candidates.map((c) => c.row.email));
      let fresh: Candidate[] = [];
      for (const c of candidates) {
        const sameNumber = c.row.memberNumber ? byNumber.get(c.row.memberNumber) : undefined;
        const sameEmail = byEmail.get(c.row.email);
        const existing = sameNumber ?? sameEmail;
        if (!existing) {
          fresh.push(c);
        } else if (sameEmail && existing.id !== sameEmail.id) {
          report.rejected.push({ row: c.rowNumber, column: column('email'), reason: text(`The e-mail address is used by member ${sameEmail.memberNumber}`, `このメールアドレスは会員 ${sameEmail.memberNumber} が使っています`) });
        } else if (!this.samePerson(existing, c.row)) {
          const field: CsvField = sameNumber ? 'memberNumber' : 'email';
          report.rejected.push({
            row: c.rowNumber,
            column: column(field),
            reason: sameNumber
              ? text(`Member number ${existing.memberNumber} belongs to ${existing.name}`, `会員番号 ${existing.memberNumber} は ${existing.name} さんの番号です`)
              : text(`The e-mail address is used by member ${existing.memberNumber} (${existing.name})`, `このメールアドレスは会員 ${existing.memberNumber} (${existing.name}) が使っています`),
          });
        } else {
          report.unchanged++;
        }
      }
      // An address of an existing user (another member's sign-in, e.g. an organization's primary contact,
      // or a staff account: an import cannot vouch for whose it is) cannot sign this one in.
      const signingIn = await this.signIns.taken(fresh.map((c) => c.row.email));
      for (const c of fresh.filter((c) => signingIn.has(c.row.email))) {
        report.rejected.push({
          row: c.rowNumber,
          column: column('email'),
          reason: text(
            'The e-mail address belongs to an existing user account (another member or staff); register this member by hand',
            'このメールアドレスは既存のアカウント (別の会員または職員) のものです。この会員は個別に登録してください',
          ),
        });
      }
      fresh = fresh.filter((c) => !signingIn.has(c.row.email));
      if (fresh.length === 0) return report;
      const explicit = fresh.flatMap((c) => (c.row.memberNumber ? [c.row.memberNumber] : []));
      await this.numbering.reserve(MemberKind.PERSON, explicit);
      const assigned = await this.numbering.take(MemberKind.PERSON, fresh.length - explicit.length);
      const today = this.clock.today();
      const rows = fresh.map((c) => personRows(randomUUID(), c.row.memberNumber ?? assigned.shift()!, { ...c.row, branchId: c.branch.id }, today));
      await this.members.insertMany(
        rows.map((r) => r.member),
        rows.map((r) => r.person),
        [],
      );
      await this.signIns.openMany(
        actor,
        rows.map((r) => ({ memberId: r.member.id!, email: r.member.email!, displayName: r.member.name! })),
      );
      await this.audit.recordMany(actor, rows.map((r) => importedMemberEvent('member.import', r.member)));
      report.imported += rows.length;
      return report;
    });
    total.imported += outcome.imported;
    total.unchanged += outcome.unchanged;
    total.rejected.push(...outcome.rejected);
  }

  private samePerson(m: Member, row: MemberCsvRow): boolean {
    const p = m.person;
    return (
      !!p &&
      p.familyName === row.familyName &&
      p.givenName === row.givenName &&
      p.familyNameKana === row.familyNameKana &&
      p.givenNameKana === row.givenNameKana &&
      m.email === row.email
    );
  }
}
