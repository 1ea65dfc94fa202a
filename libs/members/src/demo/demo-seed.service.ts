import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, TransactionService } from '#core';
import { Role, SYSTEM_ACTOR, UserAccounts, UserDirectory } from '#auth';
import { AuditLog } from '#audit';
import { BranchService, type Branch } from '#federation';
import { MemberKind } from '../member-number.js';
import { MemberNumbering } from '../member-numbering.service.js';
import { importedMemberEvent, organizationRows, personRows } from '../member-rows.js';
import { MemberSignIns, type SignInAddress } from '../member-sign-in.service.js';
import { MemberStatus } from '../member.entity.js';
import { MemberRepository } from '../member.repository.js';
import { OrganizationContactRepository } from '../organization-contact.repository.js';
import { generateDemoData, type DemoData } from './demo-data.js';

export interface DemoAccount {
  role: Role;
  email: string;
  /** null for the member, who signs in by an e-mailed link (requestSignInLink). */
  password: string | null;
  displayName: string;
  branchCode?: string;
}

/** One staff account per role (the branch roles on the Tokyo branch); fixed passwords, for demos only. */
export const DEMO_STAFF_ACCOUNTS: readonly DemoAccount[] = [
  { role: Role.FederationAdmin, email: 'admin@rentai.example.jp', password: 'rentai-demo-admin', displayName: '連合会 管理者' },
  { role: Role.BranchAdmin, email: 'tky-admin@rentai.example.jp', password: 'rentai-demo-branch-admin', displayName: '東京支部 管理者', branchCode: 'TKY' },
  { role: Role.BranchTreasurer, email: 'tky-treasurer@rentai.example.jp', password: 'rentai-demo-treasurer', displayName: '東京支部 会計', branchCode: 'TKY' },
  { role: Role.GrantOfficer, email: 'grant-officer@rentai.example.jp', password: 'rentai-demo-grant-officer', displayName: '財団 助成担当' },
  { role: Role.GrantApprover, email: 'grant-approver@rentai.example.jp', password: 'rentai-demo-grant-approver', displayName: '財団 決裁者' },
  { role: Role.Auditor, email: 'auditor@rentai.example.jp', password: 'rentai-demo-auditor', displayName: '監事' },
];

export interface DemoSeedResult {
  seeded: boolean;
  /** Why nothing was seeded: the database has data, or this is not a development environment. */
  skipped?: 'HAS_DATA' | 'NOT_DEVELOPMENT';
  branches: number;
  organizations: number;
  persons: number;
  accounts: DemoAccount[];
}

const LOCK = `SELECT pg_advisory_xact_lock(hashtext('rentai:seed:demo'))`;

/**
 * Seeds the demo federation into an empty database, in one transaction (all or nothing),
 * set-based: branches through the federation (each opens its book), members in multi-row
 * inserts with one audit event each (AuditLog.recordMany), every member's sign-in account in one
 * bulk call (MemberSignIns), staff accounts through #auth's UserAccounts. Deterministic (seeded PRNG).
 * Only with NODE_ENV=development: the staff accounts have passwords published in this repository,
 * so anywhere else (production, a deployment that left NODE_ENV unset, tests that do not ask for
 * it) nothing is seeded and the caller is told why.
 */
@Injectable()
export class DemoSeed {
  constructor(
    private readonly tx: TransactionService,
    private readonly branches: BranchService,
    private readonly members: MemberRepository,
    private readonly contacts: OrganizationContactRepository,
    private readonly numbering: MemberNumbering,
    private readonly accounts: UserAccounts,
    private readonly users: UserDirectory,
    private readonly signIns: MemberSignIns,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /** Demo data (and its accounts with published passwords) may be seeded here: NODE_ENV=development only. */
  get allowed(): boolean {
    return this.config.nodeEnv === 'development';
  }

  /** Empty means no branch and no member yet. */
  async isEmpty(): Promise<boolean> {
    const [branches, members] = await Promise.all([this.branches.count(), this.members.count()]);
    return branches === 0 && members === 0;
  }

  async run(options: { ifEmpty: boolean; onStep?: (step: string) => void }): Promise<DemoSeedResult> {
    if (!this.allowed) {
      if (options.ifEmpty) return { seeded: false, skipped: 'NOT_DEVELOPMENT', branches: 0, organizations: 0, persons: 0, accounts: [] };
      throw AppError.conflict('DEMO_ONLY_IN_DEVELOPMENT', {
        ja: `デモデータ (公開されたパスワードのアカウントを含む) は NODE_ENV=development の場合にのみ投入します (NODE_ENV: ${this.config.nodeEnv})`,
        en: `Demo data (with accounts whose passwords are published) is seeded only with NODE_ENV=development (NODE_ENV is ${this.config.nodeEnv})`,
      });
    }
    return this.tx.run(async (manager) => {
      await manager.query(LOCK);
      if (!(await this.isEmpty())) {
        if (options.ifEmpty) return { seeded: false, skipped: 'HAS_DATA', branches: 0, organizations: 0, persons: 0, accounts: [] };
        throw AppError.conflict('DATABASE_NOT_EMPTY', {
          ja: 'データベースが空ではないため、デモデータを投入しません',
          en: 'The database is not empty: demo data is only seeded into an empty database',
        });
      }
      const data = generateDemoData();
      const step = options.onStep ?? (() => undefined);
      step('branches');
      const branches = await this.seedBranches(data);
      step('organizations');
      const organizationSignIns = await this.seedOrganizations(data, branches);
      step('members');
      const signIns = await this.seedPersons(data, branches);
      step('accounts');
      await this.signIns.openMany(SYSTEM_ACTOR, [...organizationSignIns, ...signIns]);
      await this.seedStaffAccounts(branches);
      const accounts = [...DEMO_STAFF_ACCOUNTS, demoMemberAccount(data)];
      const counts = { branches: data.branches.length, organizations: data.organizations.length, persons: data.persons.length };
      await this.audit.record(SYSTEM_ACTOR, { action: 'demo.seed', entityType: 'Federation', entityId: 'demo', after: counts });
      return { seeded: true, ...counts, accounts };
    });
  }

  private async seedBranches(data: DemoData): Promise<Map<string, Branch>> {
    const byCode = new Map<string, Branch>();
    for (const b of data.branches) {
      const contactEmail = `${b.code.toLowerCase()}@branch.rentai.example.jp`;
      byCode.set(b.code, await this.branches.create(SYSTEM_ACTOR, { code: b.code, nameJa: b.nameJa, nameEn: b.nameEn, prefecture: b.prefecture, contactEmail, contactPhone: b.phone }));
    }
    return byCode;
  }

  /** The organizations' sign-in addresses: their primary contacts'. */
  private async seedOrganizations(data: DemoData, branches: Map<string, Branch>): Promise<SignInAddress[]> {
    const numbers = await this.numbering.take(MemberKind.ORGANIZATION, data.organizations.length);
    const now = new Date();
    const rows = data.organizations.map((o, i) => organizationRows(randomUUID(), numbers[i], { ...o, branchId: branches.get(o.branchCode)!.id }, o.joinedOn, now));
    await this.members.insertMany(
      rows.map((r) => r.member),
      [],
      rows.map((r) => r.organization),
    );
    await this.contacts.insertMany(rows.flatMap((r) => r.contacts));
    await this.audit.recordMany(SYSTEM_ACTOR, rows.map((r) => importedMemberEvent('member.seed', r.member)));
    return rows.flatMap((r) => r.contacts.filter((c) => c.isPrimary).map((c) => ({ memberId: r.member.id!, email: c.email!, displayName: c.name! })));
  }

  /** The demo accounts present in the database (active users), as `run` listed them when it seeded: for a restart's summary (development only). */
  async accountsInDatabase(): Promise<DemoAccount[]> {
    if (!this.allowed) return [];
    const accounts = [...DEMO_STAFF_ACCOUNTS, demoMemberAccount(generateDemoData())];
    const present = await this.users.activeEmails(accounts.map((a) => a.email));
    return accounts.filter((a) => present.has(a.email));
  }

  /** The members' sign-in addresses. */
  private async seedPersons(data: DemoData, branches: Map<string, Branch>): Promise<SignInAddress[]> {
    const numbers = await this.numbering.take(MemberKind.PERSON, data.persons.length);
    const rows = data.persons.map((p, i) => personRows(randomUUID(), numbers[i], { ...p, branchId: branches.get(p.branchCode)!.id }, p.joinedOn));
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await this.members.insertMany(
        chunk.map((r) => r.member),
        chunk.map((r) => r.person),
        [],
      );
    }
    await this.audit.recordMany(SYSTEM_ACTOR, rows.map((r) => importedMemberEvent('member.seed', r.member)));
    return rows.map((r) => ({ memberId: r.member.id!, email: r.member.email!, displayName: r.member.name! }));
  }

  /** One staff account per role; members already have theirs (every member signs in by link). */
  private async seedStaffAccounts(branches: Map<string, Branch>): Promise<void> {
    for (const a of DEMO_STAFF_ACCOUNTS) {
      await this.accounts.createStaffUser(
        {
          email: a.email,
          displayName: a.displayName,
          password: a.password!,
          grants: [{ role: a.role, branchId: a.branchCode ? branches.get(a.branchCode)!.id : null }],
        },
        SYSTEM_ACTOR,
      );
    }
  }
}

/** The demo member account: the first active Tokyo member (members come in order of joining). */
function demoMemberAccount(data: DemoData): DemoAccount {
  const p = data.persons.find((person) => person.branchCode === 'TKY' && person.status === MemberStatus.ACTIVE)!;
  return { role: Role.Member, email: p.email, password: null, displayName: `${p.familyName} ${p.givenName}`, branchCode: 'TKY' };
}
