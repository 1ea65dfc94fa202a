import { createHash, randomBytes } from 'node:crypto';
import { Role } from '#auth';
import { AccountCode, BookService, LedgerQueries } from '#ledger';
import { createBranch, createPerson } from '#testing';
import { gql, type ResultOf, type TypedDocument } from './gql.js';
import type { CreateGrantApplicationInput, CreateGrantProgramInput, SetGrantPayeeInput } from './schema-types.js';
import type { SignedInUser, TestApp } from './test-app.js';

/** Tokyo noon, Monday 15 June 2026: fiscal year 2026 (April–March). */
export const NOW = new Date('2026-06-15T03:00:00Z');
export const TODAY = '2026-06-15';

/** The grant documents the tests send, typed from schema.gql (support/gql.ts). */
export const GQL = {
  createProgram: gql(`mutation GrantsWorldCreateProgram($input: CreateGrantProgramInput!) { createGrantProgram(input: $input) { id code budget { budget { amount } committed { amount } disbursed { amount } remaining { amount } } } }`),
  program: gql(`query GrantsWorldProgram($id: ID!) { grantProgram(id: $id) { id code budget { budget { amount } committed { amount } disbursed { amount } remaining { amount } } } }`),
  create: gql(`mutation GrantsWorldCreateApplication($input: CreateGrantApplicationInput!) { createGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  update: gql(`mutation GrantsWorldUpdateApplication($input: UpdateGrantApplicationInput!) { updateGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  attach: gql(`mutation GrantsWorldAttachDocument($input: AttachGrantDocumentInput!) { attachGrantDocument(input: $input) { id kind sha256 sizeBytes } }`),
  submit: gql(`mutation GrantsWorldSubmit($input: GrantMoveInput!) { submitGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  startReview: gql(`mutation GrantsWorldStartReview($input: GrantMoveInput!) { startGrantReview(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  review: gql(`mutation GrantsWorldReview($input: ReviewGrantApplicationInput!) { reviewGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  requestChanges: gql(`mutation GrantsWorldRequestChanges($input: GrantReasonInput!) { requestGrantChanges(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  approve: gql(`mutation GrantsWorldApprove($input: ApproveGrantApplicationInput!) { approveGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  reject: gql(`mutation GrantsWorldReject($input: GrantReasonInput!) { rejectGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  cancel: gql(`mutation GrantsWorldCancel($input: GrantReasonInput!) { cancelGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  complete: gql(`mutation GrantsWorldComplete($input: GrantMoveInput!) { completeGrantApplication(input: $input) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  application: gql(`query GrantsWorldApplication($id: ID!) { grantApplication(id: $id) {
    id code status programId applicantMemberId applicantNameKanji email locale createdBy reviewedBy
    awaitingSecondApproval firstApprovedBy decidedBy decisionComment
    requestedAmount { amount } approvedAmount { amount } awardedAmount { amount }
    requestedCosts { category amount { amount } } approvedCosts { category amount { amount } }
    documents { id kind sha256 sizeBytes contentType } } }`),
  applications: gql(`query GrantsWorldApplications($programId: ID, $status: GrantApplicationStatus) { grantApplications(programId: $programId, status: $status, first: 100) { edges { node { id code status applicantNameKanji } } } }`),
  setPayee: gql(`mutation GrantsWorldSetPayee($input: SetGrantPayeeInput!) { setGrantPayee(input: $input) { applicationId kind bankCode bankName branchCode branchName accountType accountNumber holderName } }`),
  payee: gql(`query GrantsWorldPayee($applicationId: ID!) { grantPayee(applicationId: $applicationId) { bankCode accountNumber holderName } }`),
  schedule: gql(`mutation GrantsWorldScheduleDisbursement($input: ScheduleGrantDisbursementInput!) { scheduleGrantDisbursement(input: $input) { id status amount { amount } final } }`),
  createBatch: gql(`mutation GrantsWorldCreateBatch($input: CreateGrantBatchInput!) { createGrantBatch(input: $input) { id status recordCount totalAmount { amount } disbursements { id status } } }`),
  exportBatch: gql(`mutation GrantsWorldExportBatch($id: ID!) { exportGrantBatch(id: $id) { id status fileSha256 recordCount totalAmount { amount } } }`),
  batchFile: gql(`query GrantsWorldBatchFile($id: ID!) { grantBatchFile(id: $id) { fileName sha256 sizeBytes contentBase64 } }`),
  batchPdf: gql(`query GrantsWorldBatchPdf($id: ID!) { grantBatchListPdf(id: $id) { contentBase64 sizeBytes } }`),
  batchCsv: gql(`query GrantsWorldBatchCsv($id: ID!) { grantBatchListCsv(id: $id) }`),
  markPaid: gql(`mutation GrantsWorldMarkBatchPaid($input: MarkGrantBatchPaidInput!) { markGrantBatchPaid(input: $input) { id status paidOn amount { amount } } }`),
  returned: gql(`mutation GrantsWorldReturnDisbursement($input: ReturnGrantDisbursementInput!) { returnGrantDisbursement(input: $input) { id status amount { amount } } }`),
  report: gql(`query GrantsWorldProgramReport($programId: ID!) { grantProgramReport(programId: $programId) {
    budget { budget { amount } committed { amount } disbursed { amount } remaining { amount } }
    byStatus { status count requested { amount } } requested { amount } approved { amount } paid { amount } averageDaysToDecision averageDaysToPayment } }`),
  grantees: gql(`query GrantsWorldGrantees($programId: ID!) { grantees(programId: $programId) { code status applicantNameKanji awarded { amount } paid { amount } } }`),
  granteesCsv: gql(`query GrantsWorldGranteesCsv($programId: ID!) { granteesCsv(programId: $programId) }`),
};

/** An application as the documents above return it. */
export type GrantApplication = ResultOf<typeof GQL.application>['grantApplication'];

/** A minimal PDF: the document checks look at the magic bytes, the size and the checksum. */
export function pdf(label: string): { contentBase64: string; sha256: string; contentType: string } {
  const bytes = Buffer.from(`%PDF-1.4\n% ${label} ${randomBytes(4).toString('hex')}\n%%EOF\n`);
  return { contentBase64: bytes.toString('base64'), sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'application/pdf' };
}

export function programInput(overrides: Partial<CreateGrantProgramInput> = {}): CreateGrantProgramInput {
  return {
    code: `CARE-${randomBytes(2).toString('hex').toUpperCase()}`,
    nameJa: '介護職員初任者研修 受講助成',
    nameEn: 'Introductory care-worker course grant',
    fiscalYear: 2026,
    totalBudget: 1_000_000,
    maxPerAward: 150_000,
    maxPerPerson: 200_000,
    twoApproverThreshold: 100_000,
    categories: ['TUITION', 'TEXTBOOKS', 'TRANSPORT', 'EXAM_FEES', 'CHILDCARE'],
    requiredDocuments: ['QUOTE', 'ENROLMENT_CONFIRMATION', 'CERTIFICATE'],
    opensOn: '2026-04-01',
    closesOn: '2027-03-31',
    payerCode: '0000012345',
    payerName: 'ザイ）レンタイザイダン',
    payerBankCode: '0005',
    payerBranchCode: '001',
    payerAccountType: 'ORDINARY',
    payerAccountNumber: '1234567',
    ...overrides,
  };
}

export function applicationInput(programId: string, overrides: Partial<CreateGrantApplicationInput> = {}): CreateGrantApplicationInput {
  return {
    programId,
    applicantNameKanji: '佐藤 花子',
    applicantNameKana: 'サトウ ハナコ',
    courseProvider: 'ケアスクール東京',
    courseName: '介護職員初任者研修 7月開講コース',
    courseStartsOn: '2026-07-01',
    courseEndsOn: '2026-09-30',
    costs: [
      { category: 'TUITION', amount: 100_000 },
      { category: 'TEXTBOOKS', amount: 20_000 },
    ],
    ...overrides,
  };
}

export const PAYEE: Omit<SetGrantPayeeInput, 'applicationId'> = { kind: 'PROVIDER', bankCode: '0001', branchCode: '004', accountType: 'ORDINARY', accountNumber: '0012345', holderName: 'カ）ケアスクールトウキョウ' };

/** The foundation's staff and a member applicant, signed in; programs and applications made through GraphQL. */
export class GrantsWorld {
  officer!: SignedInUser;
  officer2!: SignedInUser;
  approver!: SignedInUser;
  approver2!: SignedInUser;
  admin!: SignedInUser;
  auditor!: SignedInUser;
  member!: SignedInUser;
  memberId!: string;
  branchId!: string;

  private constructor(readonly t: TestApp) {}

  static async create(t: TestApp): Promise<GrantsWorld> {
    const w = new GrantsWorld(t);
    [w.officer, w.officer2, w.approver, w.approver2, w.admin, w.auditor] = await Promise.all([
      t.signIn(Role.GRANT_OFFICER),
      t.signIn(Role.GRANT_OFFICER),
      t.signIn(Role.GRANT_APPROVER),
      t.signIn(Role.GRANT_APPROVER),
      t.signIn(Role.FEDERATION_ADMIN),
      t.signIn(Role.AUDITOR),
    ]);
    const branch = await createBranch(t.app);
    w.branchId = branch.id;
    const person = await createPerson(t.app, { branchId: branch.id });
    w.memberId = person.id;
    w.member = await t.signIn(Role.MEMBER, { memberId: person.id });
    return w;
  }

  /** The data of a document that must succeed (it throws with the errors otherwise). */
  async ok<Result, Variables>(document: TypedDocument<Result, Variables>, variables: Variables, user: SignedInUser, locale?: 'ja' | 'en'): Promise<Result>;
  /** Untyped text: for documents built at run time. */
  async ok<T = any>(query: string, variables: Record<string, unknown>, user: SignedInUser, locale?: 'ja' | 'en'): Promise<T>;
  async ok(document: string | TypedDocument<unknown, unknown>, variables: unknown, user: SignedInUser, locale: 'ja' | 'en' = 'en'): Promise<unknown> {
    const text = typeof document === 'string' ? document : document.text;
    const res = await this.t.gql(text, variables as Record<string, unknown>, { token: user.token, locale });
    if (res.errors) throw new Error(`${text.slice(0, 60)}…: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  async program(overrides: Partial<CreateGrantProgramInput> = {}): Promise<{ id: string; code: string }> {
    return (await this.ok(GQL.createProgram, { input: programInput(overrides) }, this.approver)).createGrantProgram;
  }

  /** An application by the member (or entered by the officer), with the required documents, submitted. */
  async submitted(programId: string, options: { by?: 'member' | 'officer'; overrides?: Partial<CreateGrantApplicationInput> } = {}): Promise<GrantApplication> {
    const by = options.by === 'officer' ? this.officer : this.member;
    const extra = options.by === 'officer' ? { email: `applicant-${randomBytes(3).toString('hex')}@example.jp` } : {};
    const app = (await this.ok(GQL.create, { input: applicationInput(programId, { ...extra, ...options.overrides }) }, by)).createGrantApplication;
    for (const kind of ['QUOTE', 'ENROLMENT_CONFIRMATION'] as const) {
      await this.ok(GQL.attach, { input: { applicationId: app.id, kind, fileName: `${kind}.pdf`, ...pdf(kind) } }, by);
    }
    return (await this.ok(GQL.submit, { input: { id: app.id, comment: '提出します' } }, by)).submitGrantApplication;
  }

  /** Submitted, in review and reviewed by the officer. */
  async reviewed(programId: string, options: { by?: 'member' | 'officer'; overrides?: Partial<CreateGrantApplicationInput> } = {}): Promise<GrantApplication> {
    const app = await this.submitted(programId, options);
    await this.ok(GQL.startReview, { input: { id: app.id } }, this.officer2);
    return (
      await this.ok(GQL.review, { input: { id: app.id, checklist: [{ item: '見積書', ok: true }, { item: '受講確認書', ok: true }], recommendedAmount: 100_000, comment: '要件を満たしています' } }, this.officer2)
    ).reviewGrantApplication;
  }

  balance(accountCode: string, fundCode?: string): Promise<bigint> {
    return this.foundationBookId().then((bookId) => this.t.app.get(LedgerQueries).balance({ bookId, accountCode, fundCode }));
  }

  async foundationBookId(): Promise<string> {
    return (await this.t.app.get(BookService).foundationBook()).id;
  }

  async counts(): Promise<{ applications: number; disbursements: number; batches: number; payees: number; entries: number; documents: number; emails: number }> {
    const [row] = await this.t.db.query(`SELECT
      (SELECT count(*) FROM grant_applications)::int AS applications,
      (SELECT count(*) FROM grant_disbursements)::int AS disbursements,
      (SELECT count(*) FROM grant_batches)::int AS batches,
      (SELECT count(*) FROM grant_payees)::int AS payees,
      (SELECT count(*) FROM grant_documents)::int AS documents,
      (SELECT count(*) FROM journal_entries WHERE source = 'GRANT')::int AS entries,
      (SELECT count(*) FROM email_messages WHERE template = 'grant-decision')::int AS emails`);
    return row;
  }
}

export { AccountCode };
