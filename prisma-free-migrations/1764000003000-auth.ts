import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, their role grants (branch roles name a branch) and members' one-time sign-in links. */
export class Auth1764000003000 implements MigrationInterface {
  name = 'Auth1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CONSTRAINT "UQ_users_email" UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        password_hash text,
        member_id uuid,
        locale text NOT NULL DEFAULT 'ja',
        active boolean NOT NULL DEFAULT true,
        session_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE role_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('FEDERATION_ADMIN','BRANCH_ADMIN','BRANCH_TREASURER','GRANT_OFFICER','GRANT_APPROVER','AUDITOR','MEMBER')),
        branch_id uuid REFERENCES branches (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role IN ('BRANCH_ADMIN','BRANCH_TREASURER')) = (branch_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX role_grants_user_role_branch_key ON role_grants (user_id, role, branch_id) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX role_grants_branch_idx ON role_grants (branch_id)`);
    // users list filtered by role (and branch), then sorted by e-mail.
    await q.query(`CREATE INDEX role_grants_role_branch_idx ON role_grants (role, branch_id, user_id)`);
    // One user per member record (the FK to members is added by the members migration).
    await q.query(`CREATE UNIQUE INDEX users_member_id_key ON users (member_id) WHERE member_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE login_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL CONSTRAINT "UQ_login_tokens_token_hash" UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_tokens_user_idx ON login_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_tokens`);
    await q.query(`DROP TABLE role_grants`);
    await q.query(`DROP TABLE users`);
  }
}
