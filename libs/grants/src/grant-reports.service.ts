import { Injectable } from '@nestjs/common';
import { toCsv, type CsvColumn } from '#core';
import type { Actor } from '#auth';
import { budgetFigures, type BudgetFigures } from './budget.js';
import { PERSONAL_DATA_READERS } from './grant-access.js';
import { applicationCode } from './grant-notices.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramService } from './grant-program.service.js';
import { GrantReportRepository, type GranteeRow, type ProgramReportRow } from './grant-report.repository.js';

export interface ProgramReport extends ProgramReportRow {
  program: GrantProgram;
  budget: BudgetFigures;
}

export interface Grantee extends GranteeRow {
  code: string;
  /** false when the reader may not see personal data: the names are withheld. */
  personalData: boolean;
}

/** Reports per program and fiscal year; the grantee list for the annual report. */
@Injectable()
export class GrantReports {
  constructor(
    private readonly programs: GrantProgramService,
    private readonly reports: GrantReportRepository,
  ) {}

  async program(programId: string): Promise<ProgramReport> {
    const program = await this.programs.get(programId);
    const row = await this.reports.program(programId);
    return { ...row, program, budget: budgetFigures(program.totalBudget, row.awarded, row.paid) };
  }

  async grantees(actor: Actor, programId: string): Promise<Grantee[]> {
    const program = await this.programs.get(programId);
    const personalData = actor.has(...PERSONAL_DATA_READERS);
    return (await this.reports.grantees(programId)).map((g) => ({
      ...g,
      code: applicationCode(program, g),
      personalData,
      applicantNameKanji: personalData ? g.applicantNameKanji : '',
      applicantNameKana: personalData ? g.applicantNameKana : '',
    }));
  }

  async granteesCsv(actor: Actor, programId: string): Promise<string> {
    const rows = await this.grantees(actor, programId);
    const columns: CsvColumn<Grantee>[] = [
      { ja: '申請番号', en: 'Application', value: (g) => g.code },
      ...(rows[0]?.personalData ?? actor.has(...PERSONAL_DATA_READERS)
        ? [
            { ja: '氏名', en: 'Name', value: (g: Grantee) => g.applicantNameKanji },
            { ja: 'フリガナ', en: 'Kana', value: (g: Grantee) => g.applicantNameKana },
          ]
        : []),
      { ja: '研修機関', en: 'Provider', value: (g) => g.courseProvider },
      { ja: '講座', en: 'Course', value: (g) => g.courseName },
      { ja: '状態', en: 'Status', value: (g) => g.status },
      { ja: '決定額', en: 'Approved', value: (g) => g.approved },
      { ja: '助成額', en: 'Awarded', value: (g) => g.awarded },
      { ja: '支払額', en: 'Paid', value: (g) => g.paid },
    ];
    return toCsv(columns, rows);
  }
}
