import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, PgCode, TransactionService, pgCode, pgConstraint, type Page } from '#core';
import { Role, type Actor } from '#auth';
import { AuditLog } from '#audit';
import { GrantAction, GrantApplicationStatus } from './application-status.js';
import { checkRequest, total, type CostLines } from './budget.js';
import { isGrantReader, isOwnApplication, requireCanSee } from './grant-access.js';
import { GrantApplication } from './grant-application.entity.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import type { GrantDocument } from './grant-document.entity.js';
import { GrantDocumentKind, MAX_DOCUMENT_BYTES } from './grant-enums.js';
import { GrantMoves } from './grant-moves.service.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';
import type { AttachGrantDocumentInput, CreateGrantApplicationInput, UpdateGrantApplicationInput } from './api/grant-application.input.js';
import type { CostLineInput } from './api/grant-validators.js';

const EDITABLE = [GrantApplicationStatus.DRAFT, GrantApplicationStatus.CHANGES_REQUESTED];
const KATAKANA = /^[\u30A0-\u30FF\u3000 ]+$/;

/** Magic numbers of the accepted types: the content must be what it says it is. */
const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};

/** Applications from draft to submission: made by the applicant or entered by staff, documents attached. */
@Injectable()
export class GrantApplicationService {
  constructor(
    private readonly tx: TransactionService,
    private readonly applications: GrantApplicationRepository,
    private readonly programs: GrantProgramRepository,
    private readonly moves: GrantMoves,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateGrantApplicationInput): Promise<{ application: GrantApplication; program: GrantProgram }> {
    const staff = actor.has(Role.GRANT_OFFICER);
    // A member applies for themselves; staff enter for anyone. (Auth lets only members and officers call.)
    const memberId = staff ? (input.memberId ?? null) : actor.memberId;
    if (!staff && input.memberId && input.memberId !== actor.memberId) throw GrantsError.notOwnApplication();
    const email = input.email ?? (!staff ? actor.email : null);
    if (!email) throw GrantsError.applicantRequired('input.email');
    if (!KATAKANA.test(input.applicantNameKana)) throw GrantsError.kanaName();
    if (input.courseStartsOn > input.courseEndsOn) throw GrantsError.courseDates();
    const program = await this.programs.findById(input.programId);
    if (!program) throw GrantsError.programNotFound(input.programId);
    const today = this.clock.today();
    if (today < program.opensOn || today > program.closesOn) throw GrantsError.programClosed();
    const costs = this.costs(program, input.costs);

    return this.tx.run(async () => {
      const application = await this.insertChecked({
        programId: program.id,
        status: GrantApplicationStatus.DRAFT,
        applicantMemberId: memberId,
        applicantKey: memberId ? `member:${memberId}` : `email:${email.toLowerCase()}`,
        applicantNameKanji: input.applicantNameKanji,
        applicantNameKana: input.applicantNameKana,
        email,
        phone: input.phone ?? null,
        postalCode: input.postalCode ?? null,
        address: input.address ?? null,
        locale: input.locale ?? (staff ? 'ja' : actor.locale),
        referralBranchId: input.referralBranchId ?? null,
        referralPartner: input.referralPartner ?? null,
        courseProvider: input.courseProvider,
        courseName: input.courseName,
        courseStartsOn: input.courseStartsOn,
        courseEndsOn: input.courseEndsOn,
        requestedCosts: costs,
        requestedAmount: total(costs),
        createdBy: actor.userId,
      } as GrantApplication, input);
      await this.moves.record(actor, 'create', null, application, null);
      return { application, program };
    });
  }

  async update(actor: Actor, input: UpdateGrantApplicationInput): Promise<{ application: GrantApplication; program: GrantProgram }> {
    return this.tx.run(async () => {
      const application = await this.lockEditable(actor, input.id);
      const program = (await this.programs.findById(application.programId))!;
      const before = { ...application };
      const { id: _id, costs, ...fields } = input;
      Object.assign(application, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)));
      if (!KATAKANA.test(application.applicantNameKana)) throw GrantsError.kanaName();
      if (application.courseStartsOn > application.courseEndsOn) throw GrantsError.courseDates();
      if (costs) {
        application.requestedCosts = this.costs(program, costs);
        application.requestedAmount = total(application.requestedCosts);
      }
      const saved = await this.applications.save(application);
      await this.moves.record(actor, 'update', before, saved, null);
      return { application: saved, program };
    });
  }

  async attachDocument(actor: Actor, input: AttachGrantDocumentInput): Promise<GrantDocument> {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64) || input.contentBase64.length % 4 !== 0) throw GrantsError.document.encoding();
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length === 0 || content.length > MAX_DOCUMENT_BYTES) throw GrantsError.document.size(MAX_DOCUMENT_BYTES);
    const signature = SIGNATURES[input.contentType];
    if (!signature) throw GrantsError.document.type();
    if (!signature.every((b, i) => content[i] === b)) throw GrantsError.document.contentMismatch();
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== input.sha256.toLowerCase()) throw GrantsError.document.checksum();
    return this.tx.run(async () => {
      const application = await this.applications.lockById(input.applicationId);
      if (!application) throw GrantsError.applicationNotFound(input.applicationId);
      requireCanSee(actor, application);
      const staff = actor.has(Role.GRANT_OFFICER);
      if (!staff && !isOwnApplication(actor, application)) throw GrantsError.notOwnApplication();
      // Quotes and enrolment papers while the application can change; the certificate once the course is paid for.
      const certificateTime = [GrantApplicationStatus.APPROVED, GrantApplicationStatus.DISBURSED].includes(application.status);
      const allowed = EDITABLE.includes(application.status) || (certificateTime && input.kind === GrantDocumentKind.CERTIFICATE) || (staff && application.status !== GrantApplicationStatus.COMPLETED);
      if (!allowed) throw GrantsError.notEditable(application.status);
      const document = await this.applications.insertDocument({
        applicationId: application.id,
        kind: input.kind,
        fileName: input.fileName,
        contentType: input.contentType,
        sizeBytes: content.length,
        sha256,
        content,
        uploadedBy: actor.userId,
      });
      await this.audit.record(actor, {
        action: 'grantApplication.attach_document',
        entityType: 'GrantApplication',
        entityId: application.id,
        after: { documentId: document.id, kind: document.kind, fileName: document.fileName, sizeBytes: document.sizeBytes, sha256 },
      });
      return document;
    });
  }

  async submit(actor: Actor, id: string, comment: string | null): Promise<{ application: GrantApplication; program: GrantProgram }> {
    return this.tx.run(async () => {
      const application = await this.lockVisible(actor, id);
      this.moves.check(actor, application, GrantAction.SUBMIT);
      const program = (await this.programs.findById(application.programId))!;
      const attached = new Set((await this.applications.documentsOf([application.id])).map((d) => d.kind));
      const missing = program.requiredDocuments.filter((k) => k !== GrantDocumentKind.CERTIFICATE && !attached.has(k));
      if (missing.length > 0) throw GrantsError.missingDocuments(missing);
      const saved = await this.moves.apply(actor, application, GrantAction.SUBMIT, comment, { submittedAt: this.clock.now() });
      return { application: saved, program };
    });
  }

  async get(actor: Actor, id: string): Promise<{ application: GrantApplication; program: GrantProgram; documents: GrantDocument[] }> {
    const application = await this.applications.findById(id);
    if (!application) throw GrantsError.applicationNotFound(id);
    requireCanSee(actor, application);
    const program = (await this.programs.findById(application.programId))!;
    return { application, program, documents: await this.applications.documentsOf([id]) };
  }

  async page(actor: Actor, filter: { programId?: string | null; status?: GrantApplicationStatus | null }, page: { first: number; after?: string }) {
    const ownedBy = isGrantReader(actor) ? null : { memberId: actor.memberId, userId: actor.userId };
    const result: Page<GrantApplication> = await this.applications.page({ ...filter, ownedBy }, page);
    const ids = result.edges.map((e) => e.node.id);
    const documents = await this.applications.documentsOf(ids);
    const programs = new Map((await this.programs.findByIds([...new Set(result.edges.map((e) => e.node.programId))])).map((p) => [p.id, p]));
    return { page: result, documents, programs };
  }

  async documentContent(actor: Actor, documentId: string): Promise<GrantDocument> {
    const document = await this.applications.documentWithContent(documentId);
    if (!document) throw GrantsError.documentNotFound(documentId);
    const application = (await this.applications.findById(document.applicationId))!;
    try {
      requireCanSee(actor, application);
    } catch {
      throw GrantsError.documentNotFound(documentId);
    }
    return document;
  }

  /** The cost lines of an input, checked against the program (categories, positive amounts, no category twice). */
  costs(program: GrantProgram, lines: readonly CostLineInput[]): CostLines {
    const costs: Record<string, bigint> = {};
    for (const [i, line] of lines.entries()) {
      if (line.category in costs) throw GrantsError.duplicateCategory(`input.costs.${i}.category`);
      costs[line.category] = line.amount;
      const problem = checkRequest({ totalBudget: program.totalBudget, maxPerAward: program.maxPerAward, maxPerPerson: program.maxPerPerson, categories: program.categories }, { [line.category]: line.amount });
      if (problem) throw GrantsError.limit(problem, problem.kind === 'UNKNOWN_CATEGORY' ? `input.costs.${i}.category` : `input.costs.${i}.amount`);
    }
    return costs;
  }

  /** Inserts; a member or referring branch that does not exist is a field error, not a failure. */
  private async insertChecked(row: GrantApplication, input: CreateGrantApplicationInput): Promise<GrantApplication> {
    try {
      return await this.applications.insert(row);
    } catch (error) {
      if (pgCode(error) !== PgCode.foreignKeyViolation) throw error;
      const constraint = pgConstraint(error) ?? '';
      if (constraint.includes('referral_branch')) throw GrantsError.unknownReference('input.referralBranchId', input.referralBranchId ?? '');
      if (constraint.includes('member')) throw GrantsError.unknownReference('input.memberId', input.memberId ?? '');
      throw error;
    }
  }

  private async lockVisible(actor: Actor, id: string): Promise<GrantApplication> {
    const application = await this.applications.lockById(id);
    if (!application) throw GrantsError.applicationNotFound(id);
    requireCanSee(actor, application);
    return application;
  }

  private async lockEditable(actor: Actor, id: string): Promise<GrantApplication> {
    const application = await this.lockVisible(actor, id);
    if (!actor.has(Role.GRANT_OFFICER) && !isOwnApplication(actor, application)) throw GrantsError.notOwnApplication();
    if (!EDITABLE.includes(application.status)) throw GrantsError.notEditable(application.status);
    return application;
  }
}

