import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members: one `members` row per member (individual or organizational: one id space, which
 * users.member_id points at), with the person's or organization's details beside it, and
 * an organization's contacts.
 *
 * Search columns (`*_key`, COLLATE "C" so that LIKE 'prefix%' and ORDER BY use plain b-tree
 * indexes) hold names in the form of searchKey() (NFKC, katakana, no spaces): pg_trgm is not
 * needed, so the schema is the same on every PostgreSQL.
 */
export class Members1764000005000 implements MigrationInterface {
  name = 'Members1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member_number_counters (
        kind text PRIMARY KEY CHECK (kind IN ('PERSON', 'ORGANIZATION')),
        next_value integer NOT NULL CHECK (next_value > 0)
      )`);
    await q.query(`INSERT INTO member_number_counters (kind, next_value) VALUES ('PERSON', 1), ('ORGANIZATION', 1)`);

    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('PERSON', 'ORGANIZATION')),
        member_number text COLLATE "C" NOT NULL,
        branch_id uuid NOT NULL REFERENCES branches (id),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'LAPSED', 'WITHDRAWN')),
        joined_on date NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_kana text NOT NULL CHECK (length(name_kana) BETWEEN 1 AND 200),
        email text COLLATE "C" CHECK (email = lower(email) AND length(email) <= 254),
        phone text,
        postal_code text CHECK (postal_code ~ '^[0-9]{7}$'),
        address text CHECK (length(address) <= 300),
        name_key text COLLATE "C" NOT NULL,
        alt_name_key text COLLATE "C",
        kana_key text COLLATE "C" NOT NULL,
        alt_kana_key text COLLATE "C",
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT members_number_format_check CHECK (
          (kind = 'PERSON' AND member_number ~ '^P[0-9]{7}$') OR (kind = 'ORGANIZATION' AND member_number ~ '^O[0-9]{6}$')),
        CONSTRAINT members_person_email_check CHECK (kind <> 'PERSON' OR email IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX members_member_number_key ON members (member_number)`);
    await q.query(`CREATE UNIQUE INDEX members_email_key ON members (email)`);
    // Name search: prefix of the full name, of the given name (people) or of the name without its legal form
    // (organizations). kana_key and id ride along so that a name search sorted by kana reads only the index.
    await q.query(`CREATE INDEX members_name_key_idx ON members (name_key, kana_key, id)`);
    await q.query(`CREATE INDEX members_alt_name_key_idx ON members (alt_name_key, kana_key, id)`);
    await q.query(`CREATE INDEX members_kana_key_idx ON members (kana_key, id)`);
    await q.query(`CREATE INDEX members_alt_kana_key_idx ON members (alt_kana_key, kana_key, id)`);
    // Lists: every sort, alone and within a branch (branch staff always list within their branches).
    await q.query(`CREATE INDEX members_branch_number_idx ON members (branch_id, member_number)`);
    await q.query(`CREATE INDEX members_branch_kana_idx ON members (branch_id, kana_key, id)`);
    await q.query(`CREATE INDEX members_branch_joined_idx ON members (branch_id, joined_on, id)`);
    await q.query(`CREATE INDEX members_joined_idx ON members (joined_on, id)`);
    await q.query(`CREATE INDEX members_status_number_idx ON members (status, member_number)`);

    await q.query(`
      CREATE TABLE persons (
        member_id uuid PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 50),
        given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 50),
        family_name_kana text NOT NULL CHECK (length(family_name_kana) BETWEEN 1 AND 50),
        given_name_kana text NOT NULL CHECK (length(given_name_kana) BETWEEN 1 AND 50)
      )`);

    await q.query(`
      CREATE TABLE organizations (
        member_id uuid PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
        corporate_number text CHECK (corporate_number ~ '^[0-9]{13}$'),
        representative_name text NOT NULL CHECK (length(representative_name) BETWEEN 1 AND 100),
        representative_title text,
        size_tier text NOT NULL CHECK (size_tier IN ('SMALL', 'MEDIUM', 'LARGE'))
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_corporate_number_key ON organizations (corporate_number)`);

    await q.query(`
      CREATE TABLE organization_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES organizations (member_id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        name_kana text NOT NULL CHECK (length(name_kana) BETWEEN 1 AND 100),
        title text,
        email text NOT NULL CHECK (email = lower(email)),
        phone text,
        is_primary boolean NOT NULL DEFAULT false,
        is_billing boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organization_contacts_member_idx ON organization_contacts (member_id, created_at, id)`);
    await q.query(`CREATE UNIQUE INDEX organization_contacts_primary_key ON organization_contacts (member_id) WHERE is_primary`);
    await q.query(`CREATE UNIQUE INDEX organization_contacts_billing_key ON organization_contacts (member_id) WHERE is_billing`);

    // A member's sign-in account (auth) points at the member record.
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_member_id_fkey FOREIGN KEY (member_id) REFERENCES members (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_member_id_fkey`);
    await q.query(`DROP TABLE organization_contacts`);
    await q.query(`DROP TABLE organizations`);
    await q.query(`DROP TABLE persons`);
    await q.query(`DROP TABLE members`);
    await q.query(`DROP TABLE member_number_counters`);
  }
}
