import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { Role, SYSTEM_ACTOR, UserAccounts, UserDirectory } from '#auth';
import { AuditLog } from '#audit';
import { BranchService, type Branch } from '#federation';
import { MemberKind } from '../member-number.js';
import { MemberNumbering } from '../member-numbering.service.js';
import { importedMemberEvent, organizationRows, personRows } from '../member-rows.js';
import { MemberSignIns, type SignInAddress } from '../member-sign-in.service.js';
import { MemberStatus, type Member } from '../member.entity.js';
import type { OrganizationSizeTier } from '../organization.entity.js';
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
  { role: Role.FEDERATION_ADMIN, email: 'admin@rentai.example.jp', password: 'rentai-demo-admin', displayName: '連合会 管理者' },
  { role: Role.BRANCH_ADMIN, email: 'tky-admin@rentai.example.jp', password: 'rentai-demo-branch-admin', displayName: '東京支部 管理者', branchCode: 'TKY' },
  { role: Role.BRANCH_TREASURER, email: 'tky-treasurer@rentai.example.jp', password: 'rentai-demo-treasurer', displayName: '東京支部 会計', branchCode: 'TKY' },
  { role: Role.GRANT_OFFICER, email: 'grant-officer@rentai.example.jp', password: 'rentai-demo-grant-officer', displayName: '財団 助成担当' },
  { role: Role.GRANT_APPROVER, email: 'grant-approver@rentai.example.jp', password: 'rentai-demo-grant-approver', displayName: '財団 決裁者' },
  { role: Role.AUDITOR, email: 'auditor@rentai.example.jp', password: 'rentai-demo-auditor', displayName: '監事' },
];

/** A seeded member, as the other libraries' parts of the demo need it (their own rows refer to it). */
export interface DemoMemberRef {
  id: string;
  memberNumber: string;
  kind: MemberKind;
  branchId: string;
  branchCode: string;
  status: MemberStatus;
  joinedOn: string;
  /** Organizations only. */
  sizeTier: OrganizationSizeTier | null;
}

export interface DemoMembersResult {
  branches: number;
  organizations: number;
  persons: number;
  accounts: DemoAccount[];
  /** Organizations first, then individuals in order of joining. */
  members: DemoMemberRef[];
}

/**
 * The members' part of the demo federation (libs/demo orchestrates the whole, in one
 * transaction): set-based, branches through the federation (each opens its book), members in
 * multi-row inserts with one audit event each (AuditLog.recordMany), every member's sign-in
 * account in one bulk call (MemberSignIns), staff accounts through #auth's UserAccounts.
 * Deterministic (seeded PRNG).
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
  ) {}

  /** Empty means no branch and no member yet. */
  async isEmpty(): Promise<boolean> {
    const [branches, members] = await Promise.all([this.branches.count(), this.members.count()]);
    return branches === 0 && members === 0;
  }

  /** Seeds branches, members and accounts, in the caller's transaction (or its own). */
  async seed(onStep: (step: string) => void = () => undefined): Promise<DemoMembersResult> {
    return this.tx.run(async () => {
      const data = generateDemoData();
      onStep('branches');
      const branches = await this.seedBranches(data);
      onStep('organizations');
      const organizations = await this.seedOrganizations(data, branches);
      onStep('members');
      const persons = await this.seedPersons(data, branches);
      onStep('accounts');
      await this.signIns.openMany(SYSTEM_ACTOR, [...organizations.signIns, ...persons.signIns]);
      await this.seedStaffAccounts(branches);
      const accounts = [...DEMO_STAFF_ACCOUNTS, demoMemberAccount(data)];
      const counts = { branches: data.branches.length, organizations: data.organizations.length, persons: data.persons.length };
      return { ...counts, accounts, members: [...organizations.refs, ...persons.refs] };
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
  private async seedOrganizations(data: DemoData, branches: Map<string, Branch>): Promise<{ signIns: SignInAddress[]; refs: DemoMemberRef[] }> {
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
    return {
      signIns: rows.flatMap((r) => r.contacts.filter((c) => c.isPrimary).map((c) => ({ memberId: r.member.id!, email: c.email!, displayName: c.name! }))),
      refs: rows.map((r, i) => ({ ...ref(r.member, data.organizations[i].branchCode, branches), sizeTier: data.organizations[i].sizeTier })),
    };
  }

  /** The demo accounts present in the database (active users), as `run` listed them when it seeded: for a restart's summary. */
  async accountsInDatabase(): Promise<DemoAccount[]> {
    const accounts = [...DEMO_STAFF_ACCOUNTS, demoMemberAccount(generateDemoData())];
    const present = await this.users.activeEmails(accounts.map((a) => a.email));
    return accounts.filter((a) => present.has(a.email));
  }

  /** The members' sign-in addresses. */
  private async seedPersons(data: DemoData, branches: Map<string, Branch>): Promise<{ signIns: SignInAddress[]; refs: DemoMemberRef[] }> {
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
    return {
      signIns: rows.map((r) => ({ memberId: r.member.id!, email: r.member.email!, displayName: r.member.name! })),
      refs: rows.map((r, i) => ({ ...ref(r.member, data.persons[i].branchCode, branches), sizeTier: null })),
    };
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
  return { role: Role.MEMBER, email: p.email, password: null, displayName: `${p.familyName} ${p.givenName}`, branchCode: 'TKY' };
}

function ref(member: Partial<Member>, branchCode: string, branches: Map<string, Branch>): Omit<DemoMemberRef, 'sizeTier'> {
  return {
    id: member.id!,
    memberNumber: member.memberNumber!,
    kind: member.kind!,
    branchId: branches.get(branchCode)!.id,
    branchCode,
    status: member.status!,
    joinedOn: member.joinedOn!,
  };
}
