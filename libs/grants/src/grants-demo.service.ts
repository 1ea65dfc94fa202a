import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import { Actor, Role } from '#auth';
import { GrantApplicationStatus } from './application-status.js';
import { fiscalYearOf } from './budget.js';
import { GrantApplicationService } from './grant-application.service.js';
import { GrantBatchService } from './grant-batch.service.js';
import { GrantClosingService } from './grant-closing.service.js';
import { GrantDecisionService } from './grant-decision.service.js';
import { GrantDisbursementService } from './grant-disbursement.service.js';
import { BankAccountType, GrantCostCategory, GrantDocumentKind, GrantPayeeKind } from './grant-enums.js';
import { GrantPayeeService } from './grant-payee.service.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import { GrantProgramService } from './grant-program.service.js';
import { addDays, nextBankBusinessDay } from './zengin/bank-days.js';

/** The foundation's demo staff: fixed ids, so a second run finds what the first made. */
const staff = (n: number, role: Role, name: string) => new Actor(`00000000-0000-4000-8000-00000000d0${n.toString().padStart(2, '0')}`, `${name}@demo.rentai.jp`, [{ role, branchId: null }]);
export const DEMO_GRANT_STAFF = {
  officer: staff(1, Role.GRANT_OFFICER, 'grant-officer'),
  reviewer: staff(2, Role.GRANT_OFFICER, 'grant-reviewer'),
  approver: staff(3, Role.GRANT_APPROVER, 'grant-approver'),
  approver2: staff(4, Role.GRANT_APPROVER, 'grant-approver2'),
};

interface DemoApplicant {
  kanji: string;
  kana: string;
  holder: string;
  tuition: bigint;
  textbooks: bigint;
  status: GrantApplicationStatus;
}

/** One applicant per status, in the order the seed builds them. */
const APPLICANTS: DemoApplicant[] = [
  { kanji: '青木 陽子', kana: 'アオキ ヨウコ', holder: 'アオキ ヨウコ', tuition: 90_000n, textbooks: 10_000n, status: GrantApplicationStatus.DRAFT },
  { kanji: '井上 健', kana: 'イノウエ ケン', holder: 'イノウエ ケン', tuition: 80_000n, textbooks: 8_000n, status: GrantApplicationStatus.SUBMITTED },
  { kanji: '上田 真理', kana: 'ウエダ マリ', holder: 'ウエダ マリ', tuition: 100_000n, textbooks: 12_000n, status: GrantApplicationStatus.UNDER_REVIEW },
  { kanji: '遠藤 大輔', kana: 'エンドウ ダイスケ', holder: 'エンドウ ダイスケ', tuition: 70_000n, textbooks: 9_000n, status: GrantApplicationStatus.CHANGES_REQUESTED },
  { kanji: '岡田 さくら', kana: 'オカダ サクラ', holder: 'オカダ サクラ', tuition: 95_000n, textbooks: 5_000n, status: GrantApplicationStatus.APPROVED },
  { kanji: '加藤 翔', kana: 'カトウ ショウ', holder: 'カトウ ショウ', tuition: 60_000n, textbooks: 6_000n, status: GrantApplicationStatus.REJECTED },
  { kanji: '木村 恵', kana: 'キムラ メグミ', holder: 'キムラ メグミ', tuition: 85_000n, textbooks: 10_000n, status: GrantApplicationStatus.DISBURSED },
  { kanji: '工藤 拓海', kana: 'クドウ タクミ', holder: 'クドウ タクミ', tuition: 110_000n, textbooks: 15_000n, status: GrantApplicationStatus.COMPLETED },
  { kanji: '小林 美穂', kana: 'コバヤシ ミホ', holder: 'コバヤシ ミホ', tuition: 75_000n, textbooks: 7_000n, status: GrantApplicationStatus.CANCELLED },
];

const ORDER = [
  GrantApplicationStatus.DRAFT,
  GrantApplicationStatus.SUBMITTED,
  GrantApplicationStatus.UNDER_REVIEW,
  GrantApplicationStatus.APPROVED,
  GrantApplicationStatus.DISBURSED,
  GrantApplicationStatus.COMPLETED,
];
const reaches = (target: GrantApplicationStatus, step: GrantApplicationStatus) => {
  const branch: Partial<Record<GrantApplicationStatus, GrantApplicationStatus>> = {
    [GrantApplicationStatus.CHANGES_REQUESTED]: GrantApplicationStatus.UNDER_REVIEW,
    [GrantApplicationStatus.REJECTED]: GrantApplicationStatus.UNDER_REVIEW,
    [GrantApplicationStatus.CANCELLED]: GrantApplicationStatus.APPROVED,
  };
  return ORDER.indexOf(branch[target] ?? target) >= ORDER.indexOf(step);
};

/** A tiny PDF, the same bytes every run. */
function demoPdf(label: string): { contentBase64: string; sha256: string } {
  const bytes = Buffer.from(`%PDF-1.4\n% Rentai demo: ${label}\n%%EOF\n`);
  return { contentBase64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface GrantsDemoResult {
  programId: string;
  programCode: string;
  /** Application id per status. */
  applications: Record<GrantApplicationStatus, string>;
  batchId: string;
  created: boolean;
}

/**
 * Demo data: a 介護職員初任者研修 grant program of the current fiscal year with one application in
 * every status, payees for those approved, and one exported and paid Zengin batch — made through
 * the same services as real use (audit, ledger, e-mail outbox included). Deterministic and
 * idempotent: a second run returns what the first made.
 */
@Injectable()
export class GrantsDemo {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly programs: GrantProgramService,
    private readonly programRows: GrantProgramRepository,
    private readonly applicationRows: GrantApplicationRepository,
    private readonly disbursementRows: GrantDisbursementRepository,
    private readonly applications: GrantApplicationService,
    private readonly decisions: GrantDecisionService,
    private readonly closing: GrantClosingService,
    private readonly payees: GrantPayeeService,
    private readonly payments: GrantDisbursementService,
    private readonly batches: GrantBatchService,
  ) {}

  async seed(): Promise<GrantsDemoResult> {
    const today = this.clock.today();
    const fiscalYear = fiscalYearOf(today);
    const code = `DEMO-CARE-${fiscalYear}`;
    const existing = await this.existing(code);
    if (existing) return existing;
    return this.tx.run(async () => {
      const { officer, approver } = DEMO_GRANT_STAFF;
      const program = await this.programs.create(approver, {
        code,
        nameJa: `介護職員初任者研修 受講助成 (${fiscalYear}年度)`,
        nameEn: `Introductory care-worker course grant (FY${fiscalYear})`,
        fiscalYear,
        totalBudget: 3_000_000n,
        maxPerAward: 150_000n,
        maxPerPerson: 200_000n,
        twoApproverThreshold: 100_000n,
        categories: [GrantCostCategory.TUITION, GrantCostCategory.TEXTBOOKS, GrantCostCategory.TRANSPORT, GrantCostCategory.EXAM_FEES, GrantCostCategory.CHILDCARE],
        requiredDocuments: [GrantDocumentKind.QUOTE, GrantDocumentKind.ENROLMENT_CONFIRMATION, GrantDocumentKind.CERTIFICATE],
        opensOn: `${fiscalYear}-04-01`,
        closesOn: `${fiscalYear + 1}-03-31`,
        payerCode: '0000012345',
        payerName: 'ザイ）レンタイザイダン',
        payerBankCode: '0005',
        payerBranchCode: '001',
        payerAccountType: BankAccountType.ORDINARY,
        payerAccountNumber: '1234567',
      });
      const ids = {} as Record<GrantApplicationStatus, string>;
      for (const [i, a] of APPLICANTS.entries()) ids[a.status] = await this.build(program.id, i, a);

      // One batch with the payments of the DISBURSED and COMPLETED grants, exported and paid.
      const transferDate = nextBankBusinessDay(today);
      const batch = await this.batches.create(officer, { programId: program.id, transferDate, lineEnding: 'CRLF' });
      await this.batches.export(officer, batch.id);
      await this.batches.markPaid(officer, batch.id, transferDate);
      const completed = ids[GrantApplicationStatus.COMPLETED];
      await this.applications.attachDocument(officer, { applicationId: completed, kind: GrantDocumentKind.CERTIFICATE, fileName: '修了証.pdf', contentType: 'application/pdf', ...demoPdf('certificate') });
      await this.closing.complete(officer, completed, '修了証を受領しました');
      // The APPROVED grant's payment waits in the queue for the next batch.
      await this.payments.schedule(officer, { applicationId: ids[GrantApplicationStatus.APPROVED], amount: 50_000n, final: false });
      return { programId: program.id, programCode: code, applications: ids, batchId: batch.id, created: true };
    });
  }

  private async build(programId: string, i: number, a: DemoApplicant): Promise<string> {
    const { officer, reviewer, approver, approver2 } = DEMO_GRANT_STAFF;
    const { application } = await this.applications.create(officer, {
      programId,
      applicantNameKanji: a.kanji,
      applicantNameKana: a.kana,
      email: `grant-applicant-${i + 1}@demo.rentai.jp`,
      phone: '03-0000-0000',
      postalCode: '160-0023',
      address: '東京都新宿区西新宿1-1-1',
      locale: i % 3 === 2 ? 'en' : 'ja',
      referralPartner: '新宿ハローワーク 就労相談会',
      courseProvider: 'ケアスクール東京',
      courseName: '介護職員初任者研修 通学コース',
      courseStartsOn: this.clock.today(),
      courseEndsOn: addDays(this.clock.today(), 90),
      costs: [
        { category: GrantCostCategory.TUITION, amount: a.tuition },
        { category: GrantCostCategory.TEXTBOOKS, amount: a.textbooks },
      ],
    });
    const id = application.id;
    if (a.status === GrantApplicationStatus.DRAFT) return id;
    for (const kind of [GrantDocumentKind.QUOTE, GrantDocumentKind.ENROLMENT_CONFIRMATION]) {
      await this.applications.attachDocument(officer, { applicationId: id, kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', ...demoPdf(`${kind} ${i}`) });
    }
    await this.applications.submit(officer, id, '就労相談会での聞き取りにより代理入力');
    if (!reaches(a.status, GrantApplicationStatus.UNDER_REVIEW)) return id;
    await this.decisions.startReview(reviewer, id, null);
    await this.decisions.review(reviewer, { id, checklist: [{ item: '見積書', ok: true }, { item: '受講確認書', ok: true }], recommendedAmount: a.tuition + a.textbooks, comment: '要件を満たしています' });
    if (a.status === GrantApplicationStatus.CHANGES_REQUESTED) return (await this.decisions.requestChanges(reviewer, id, '見積書の日付をご確認ください')).application.id;
    if (a.status === GrantApplicationStatus.REJECTED) return (await this.decisions.reject(approver, id, '対象講座ではありません')).application.id;
    const costs = [
      { category: GrantCostCategory.TUITION, amount: a.tuition },
      { category: GrantCostCategory.TEXTBOOKS, amount: a.textbooks },
    ];
    await this.decisions.approve(approver, { id, costs, comment: '一次決裁' });
    if (a.status === GrantApplicationStatus.UNDER_REVIEW) return id; // above the threshold: waits for the second approver
    if (a.tuition + a.textbooks > 100_000n) await this.decisions.approve(approver2, { id, costs, comment: '二次決裁' });
    await this.payees.set(officer, { applicationId: id, kind: GrantPayeeKind.APPLICANT, bankCode: '0001', branchCode: '004', accountType: BankAccountType.ORDINARY, accountNumber: String(1000001 + i).padStart(7, '0'), holderName: a.holder });
    if (a.status === GrantApplicationStatus.CANCELLED) return (await this.closing.cancel(officer, id, '受講を辞退されました')).application.id;
    if (a.status === GrantApplicationStatus.DISBURSED) await this.payments.schedule(officer, { applicationId: id, amount: a.tuition, final: false });
    if (a.status === GrantApplicationStatus.COMPLETED) await this.payments.schedule(officer, { applicationId: id, amount: a.tuition + a.textbooks - 3_000n, final: true });
    return id;
  }

  private async existing(code: string): Promise<GrantsDemoResult | null> {
    const program = await this.programRows.findByCode(code);
    if (!program) return null;
    const rows = await this.applicationRows.forProgram(program.id);
    const batches = await this.disbursementRows.batchesOf(program.id);
    return {
      programId: program.id,
      programCode: code,
      applications: Object.fromEntries(rows.map((r) => [r.status, r.id])) as Record<GrantApplicationStatus, string>,
      batchId: batches.at(-1)!.id,
      created: false,
    };
  }
}
