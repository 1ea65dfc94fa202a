import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppError, CoreModule, ENV } from '#core';
import { AuditModule } from '#audit';
import { Actor, AuthModule, MemberLinkConfirmations, Role, SYSTEM_ACTOR, UserAccounts } from '#auth';
import { createTestDatabase, type TestDatabase } from '#testing';

describe('UserAccounts', () => {
  let database: TestDatabase;
  let moduleRef: TestingModule;
  let accounts: UserAccounts;
  let db: DataSource;
  let branchId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot(), AuditModule, AuthModule] })
      .overrideProvider(ENV)
      .useValue({ ...process.env, NODE_ENV: 'test', DATABASE_URL: database.url })
      .compile();
    moduleRef.useLogger(['error']);
    await moduleRef.init();
    accounts = moduleRef.get(UserAccounts);
    db = moduleRef.get(DataSource);
    // role_grants.branch_id references branches: auth sits below federation on the map, so a bare branch row
    // (test/architecture.spec.ts lists this exception) instead of createBranch.
    [{ id: branchId }] = await db.query(`INSERT INTO branches (code, name_ja, name_en, prefecture) VALUES ('TKY', '東京支部', 'Tokyo', '東京都') RETURNING id`);
  });
  /** users.member_id references members: auth sits below members on the map, so a bare member row (listed in test/architecture.spec.ts), not createPerson. */
  let memberSeq = 0;
  const newMemberId = async (): Promise<string> => {
    const id = randomUUID();
    const n = ++memberSeq;
    await db.query(
      `INSERT INTO members (id, kind, member_number, branch_id, joined_on, name, name_kana, email, name_key, kana_key)
       VALUES ($1, 'PERSON', $2, $3, '2024-04-01', '会員', 'カイイン', $4, '会員', 'カイイン')`,
      [id, `P${String(n).padStart(7, '0')}`, branchId, `member${n}@example.jp`],
    );
    return id;
  };
  afterAll(async () => {
    await moduleRef?.close();
    await database?.drop();
  });

  it('creates a staff user with a hashed password, branch grants and an audit event', async () => {
    const user = await accounts.createStaffUser(
      {
        email: '  Treasurer@Example.JP ',
        displayName: '会計 花子',
        password: 'correct horse battery',
        grants: [{ role: Role.BRANCH_TREASURER, branchId }, { role: Role.AUDITOR }],
      },
      SYSTEM_ACTOR,
    );
    expect(user.email).toBe('treasurer@example.jp');
    expect(await argon2.verify(user.passwordHash!, 'correct horse battery')).toBe(true);
    expect(user.grants.map((g) => [g.role, g.branchId]).sort()).toEqual([
      [Role.AUDITOR, null],
      [Role.BRANCH_TREASURER, branchId],
    ]);
    const events = await db.query(`SELECT action, actor_user_id FROM audit_events WHERE entity_id = $1`, [user.id]);
    expect(events).toEqual([{ action: 'user.create', actor_user_id: SYSTEM_ACTOR.userId }]);
  });

  it('refuses a duplicate e-mail, a MEMBER grant and an unknown branch, naming the field, writing nothing', async () => {
    const base = { email: 'treasurer@example.jp', displayName: 'x', password: 'long enough password', grants: [{ role: Role.AUDITOR }] };
    const fieldOf = (e: unknown) => (e as AppError).fields.map((f) => f.field);
    const before = await db.query(`SELECT count(*)::int AS n FROM users`);
    await expect(accounts.createStaffUser(base, SYSTEM_ACTOR).catch(fieldOf)).resolves.toEqual(['input.email']);
    await expect(accounts.createStaffUser({ ...base, email: 'm@example.jp', grants: [{ role: Role.MEMBER }] }, SYSTEM_ACTOR).catch(fieldOf)).resolves.toEqual([
      'input.grants.0.role',
    ]);
    await expect(
      accounts.createStaffUser({ ...base, email: 'b@example.jp', grants: [{ role: Role.AUDITOR }, { role: Role.BRANCH_ADMIN, branchId: randomUUID() }] }, SYSTEM_ACTOR).catch(fieldOf),
    ).resolves.toEqual(['input.grants.1.branchId']);
    expect(await db.query(`SELECT count(*)::int AS n FROM users`)).toEqual(before);
  });

  it('ensureMemberUser creates the MEMBER user once and returns it on later calls', async () => {
    const memberId = await newMemberId();
    const first = (await accounts.ensureMemberUser({ memberId, email: 'Yamada@Example.jp', displayName: '山田 太郎' }, SYSTEM_ACTOR))!;
    const again = (await accounts.ensureMemberUser({ memberId, email: 'yamada@example.jp', displayName: '山田 太郎' }, SYSTEM_ACTOR))!;
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ email: 'yamada@example.jp', memberId, passwordHash: null });
    expect(first.grants.map((g) => g.role)).toEqual([Role.MEMBER]);
    const rows = await db.query(`SELECT count(*)::int AS n FROM users WHERE member_id = $1`, [memberId]);
    expect(rows[0].n).toBe(1);
  });

  it('ensureMemberUser links no staff user on staff’s word: it e-mails them, and they link it themselves with a password session', async () => {
    const staff = await accounts.createStaffUser(
      { email: 'officer@example.jp', displayName: '担当', password: 'long enough password', grants: [{ role: Role.GRANT_OFFICER }] },
      SYSTEM_ACTOR,
    );
    const memberId = await newMemberId();
    await expect(accounts.ensureMemberUser({ memberId, email: 'officer@example.jp', displayName: '担当 太郎', memberNumber: 'P0000099' }, SYSTEM_ACTOR)).resolves.toBeNull();
    expect(await db.query(`SELECT member_id FROM users WHERE id = $1`, [staff.id])).toEqual([{ member_id: null }]);
    expect(await db.query(`SELECT role FROM role_grants WHERE user_id = $1`, [staff.id])).toEqual([{ role: Role.GRANT_OFFICER }]);
    const [mail] = await db.query(`SELECT to_address, subject, text_body FROM email_messages WHERE template = 'member-account-confirmation'`);
    expect(mail).toMatchObject({ to_address: 'officer@example.jp', subject: '【連帯】会員情報の紐付けの確認' });
    expect(mail.text_body).toContain('P0000099');
    expect(mail.text_body).toContain(`/confirm-member?member=${memberId}`);

    const confirmations = moduleRef.get(MemberLinkConfirmations);
    const grants = [{ role: Role.GRANT_OFFICER, branchId: null }];
    const byLink = new Actor(staff.id, staff.email, grants, null, 'ja', '担当', 'link');
    await expect(confirmations.confirm(byLink, memberId)).rejects.toMatchObject({ reason: 'PASSWORD_SESSION_REQUIRED' });
    const linked = await confirmations.confirm(new Actor(staff.id, staff.email, grants, null, 'ja', '担当', 'password'), memberId);
    expect(linked.memberId).toBe(memberId);
    expect(linked.grants.map((g) => g.role).sort()).toEqual([Role.GRANT_OFFICER, Role.MEMBER]);
    const [event] = await db.query(`SELECT actor_user_id, after FROM audit_events WHERE action = 'user.link_member' AND entity_id = $1`, [staff.id]);
    expect(event).toMatchObject({ actor_user_id: staff.id, after: { memberId, confirmedBy: 'user' } });

    // Another member with the same address: taken. A member edit never renames the staff user.
    const other = await accounts.ensureMemberUser({ memberId: await newMemberId(), email: 'officer@example.jp', displayName: '別人' }, SYSTEM_ACTOR).catch((e: AppError) => e);
    expect((other as AppError).fields[0].field).toBe('input.email');
    const renamed = await accounts.changeMemberEmail(memberId, 'elsewhere@example.jp', SYSTEM_ACTOR, { emailField: 'input.email' }).catch((e: AppError) => e);
    expect(renamed).toMatchObject({ reason: 'STAFF_ACCOUNT', fields: [{ field: 'input.email' }] });
    await expect(accounts.changeMemberEmail(memberId, 'officer@example.jp', SYSTEM_ACTOR, { displayName: '改姓 太郎' })).resolves.toMatchObject({ displayName: '担当' });
    expect(await db.query(`SELECT email, display_name FROM users WHERE id = $1`, [staff.id])).toEqual([{ email: 'officer@example.jp', display_name: '担当' }]);
  });

  it('ensureMemberUsers creates many member users at once, refuses a staff user’s address, and skips members that have one', async () => {
    await accounts.createStaffUser(
      { email: 'bulk-staff@example.jp', displayName: '職員', password: 'long enough password', grants: [{ role: Role.AUDITOR }] },
      SYSTEM_ACTOR,
    );
    const already = await newMemberId();
    await accounts.ensureMemberUser({ memberId: already, email: 'already@example.jp', displayName: '既存' }, SYSTEM_ACTOR);
    const ids = await Promise.all(Array.from({ length: 5 }, () => newMemberId()));
    const drafts = [
      ...ids.slice(0, 4).map((memberId, i) => ({ memberId, email: ` Bulk${i}@Example.JP`, displayName: `会員 ${i}` })),
      { memberId: already, email: 'already@example.jp', displayName: '既存' },
    ];
    const withStaff = [...drafts, { memberId: ids[4], email: 'bulk-staff@example.jp', displayName: '職員' }];
    await expect(accounts.ensureMemberUsers(withStaff, SYSTEM_ACTOR)).rejects.toMatchObject({ reason: 'EMAIL_TAKEN', fields: [{ field: 'input.5.email' }] });
    expect(await db.query(`SELECT count(*)::int AS n FROM users WHERE member_id = ANY($1::uuid[])`, [ids])).toEqual([{ n: 0 }]);
    await expect(accounts.ensureMemberUsers(drafts, SYSTEM_ACTOR)).resolves.toEqual({ created: 4 });
    const users = await db.query(
      `SELECT u.email, u.member_id, array_agg(g.role ORDER BY g.role) AS roles FROM users u JOIN role_grants g ON g.user_id = u.id
        WHERE u.member_id = ANY($1::uuid[]) GROUP BY u.id ORDER BY u.email COLLATE "C"`,
      [[...ids, already]],
    );
    expect(users).toEqual([
      { email: 'already@example.jp', member_id: already, roles: ['MEMBER'] },
      ...[0, 1, 2, 3].map((i) => ({ email: `bulk${i}@example.jp`, member_id: ids[i], roles: ['MEMBER'] })),
    ]);
    const events = await db.query(
      `SELECT e.action, count(*)::int AS n FROM audit_events e JOIN users u ON u.id::text = e.entity_id
        WHERE u.member_id = ANY($1::uuid[]) GROUP BY e.action ORDER BY e.action`,
      [ids],
    );
    expect(events).toEqual([{ action: 'user.create', n: 4 }]);
    // Idempotent: a second run finds every member's user.
    await expect(accounts.ensureMemberUsers(drafts, SYSTEM_ACTOR)).resolves.toEqual({ created: 0 });
  });

  it('ensureMemberUsers writes nothing when an address already signs in another member or repeats, naming each field', async () => {
    const [a, b, c] = [await newMemberId(), await newMemberId(), await newMemberId()];
    const count = async () => (await db.query(`SELECT (SELECT count(*) FROM users)::int AS u, (SELECT count(*) FROM audit_events)::int AS a`))[0];
    const before = await count();
    const error = await accounts
      .ensureMemberUsers(
        [
          { memberId: a, email: 'fresh-a@example.jp', displayName: 'A' },
          { memberId: b, email: 'bulk0@example.jp', displayName: 'B' },
          { memberId: c, email: 'fresh-a@example.jp', displayName: 'C' },
        ],
        SYSTEM_ACTOR,
        { emailField: (i) => `rows.${i}.email` },
      )
      .catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields.map((f) => f.field)).toEqual(['rows.1.email', 'rows.2.email']);
    expect(await count()).toEqual(before);
  });

  it('changeMemberEmail moves the sign-in to the new address, revokes unused links and is audited; a taken address changes nothing', async () => {
    const memberId = await newMemberId();
    const user = (await accounts.ensureMemberUser({ memberId, email: 'before@example.jp', displayName: '変更 前' }, SYSTEM_ACTOR))!;
    await db.query(`INSERT INTO login_tokens (token_hash, user_id, expires_at) VALUES ('unused-hash', $1, now() + interval '10 minutes')`, [user.id]);
    const changed = await accounts.changeMemberEmail(memberId, 'After@Example.JP', SYSTEM_ACTOR, { displayName: '変更 後' });
    expect(changed).toMatchObject({ id: user.id, email: 'after@example.jp', displayName: '変更 後' });
    expect(await db.query(`SELECT id FROM login_tokens WHERE user_id = $1`, [user.id])).toEqual([]);
    const [event] = await db.query(`SELECT before, after FROM audit_events WHERE action = 'user.change_email' AND entity_id = $1`, [user.id]);
    expect(event).toEqual({ before: { email: 'before@example.jp', displayName: '変更 前' }, after: { email: 'after@example.jp', displayName: '変更 後' } });

    const before = await db.query(`SELECT email, display_name FROM users WHERE id = $1`, [user.id]);
    const taken = await accounts.changeMemberEmail(memberId, 'treasurer@example.jp', SYSTEM_ACTOR, { emailField: 'input.email' }).catch((e: AppError) => e);
    expect((taken as AppError).fields.map((f) => f.field)).toEqual(['input.email']);
    expect(await db.query(`SELECT email, display_name FROM users WHERE id = $1`, [user.id])).toEqual(before);
    await expect(accounts.changeMemberEmail(await newMemberId(), 'nobody@example.jp', SYSTEM_ACTOR)).resolves.toBeNull();
  });
});
