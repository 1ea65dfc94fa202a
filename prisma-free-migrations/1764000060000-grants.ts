import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training grants of the foundation: programs, applications, documents, payees, disbursements, Zengin batches. */
export class Grants1764000060000 implements MigrationInterface {
  name = 'Grants1764000060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grant_programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
        name_ja text NOT NULL,
        name_en text NOT NULL,
        fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
        currency character(3) NOT NULL DEFAULT 'JPY',
        total_budget bigint NOT NULL CHECK (total_budget > 0),
        max_per_award bigint NOT NULL CHECK (max_per_award > 0),
        max_per_person bigint NOT NULL CHECK (max_per_person > 0),
        two_approver_threshold bigint NOT NULL CHECK (two_approver_threshold >= 0),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0),
        required_documents text[] NOT NULL,
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        payer_code text NOT NULL CHECK (payer_code ~ '^[0-9]{10}$'),
        payer_name text NOT NULL,
        payer_bank_code text NOT NULL CHECK (payer_bank_code ~ '^[0-9]{4}$'),
        payer_branch_code text NOT NULL CHECK (payer_branch_code ~ '^[0-9]{3}$'),
        payer_account_type text NOT NULL,
        payer_account_number text NOT NULL CHECK (payer_account_number ~ '^[0-9]{7}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_programs_dates_check CHECK (opens_on <= closes_on)
      )`);
    await q.query(`CREATE UNIQUE INDEX grant_programs_code_key ON grant_programs (code)`);

    await q.query(`
      CREATE TABLE grant_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES grant_programs (id),
        number integer NOT NULL CHECK (number > 0),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'COMPLETED', 'CANCELLED')),
        applicant_member_id uuid REFERENCES members (id),
        applicant_key text NOT NULL,
        applicant_name_kanji text NOT NULL,
        applicant_name_kana text NOT NULL,
        email text NOT NULL,
        phone text,
        postal_code text,
        address text,
        locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
        referral_branch_id uuid REFERENCES branches (id),
        referral_partner text,
        course_provider text NOT NULL,
        course_name text NOT NULL,
        course_starts_on date NOT NULL,
        course_ends_on date NOT NULL,
        requested_costs jsonb NOT NULL,
        requested_amount bigint NOT NULL CHECK (requested_amount > 0),
        created_by uuid NOT NULL,
        submitted_at timestamptz,
        reviewed_by uuid,
        review_checklist jsonb,
        recommended_amount bigint CHECK (recommended_amount >= 0),
        review_comment text,
        reviewed_at timestamptz,
        first_approved_by uuid,
        first_approved_costs jsonb,
        first_approved_at timestamptz,
        approved_costs jsonb,
        approved_amount bigint CHECK (approved_amount > 0),
        awarded_amount bigint NOT NULL DEFAULT 0 CHECK (awarded_amount >= 0),
        decided_by uuid,
        decided_at timestamptz,
        decision_comment text,
        notice_count integer NOT NULL DEFAULT 0,
        first_paid_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_applications_course_dates_check CHECK (course_starts_on <= course_ends_on),
        CONSTRAINT grant_applications_award_check CHECK (awarded_amount <= COALESCE(approved_amount, 0)),
        -- Nobody approves what they made, entered or reviewed; the two approvers differ.
        CONSTRAINT grant_applications_approver_check CHECK (decided_by IS NULL OR (decided_by <> created_by AND decided_by IS DISTINCT FROM reviewed_by)),
        CONSTRAINT grant_applications_two_approvers_check CHECK (first_approved_by IS NULL OR decided_by IS NULL OR first_approved_by <> decided_by)
      )`);
    await q.query(`CREATE UNIQUE INDEX grant_applications_program_number_key ON grant_applications (program_id, number)`);
    await q.query(`CREATE INDEX grant_applications_program_status_idx ON grant_applications (program_id, status, id)`);
    await q.query(`CREATE INDEX grant_applications_program_applicant_idx ON grant_applications (program_id, applicant_key)`);
    await q.query(`CREATE INDEX grant_applications_member_idx ON grant_applications (applicant_member_id)`);
    await q.query(`CREATE INDEX grant_applications_created_by_idx ON grant_applications (created_by)`);

    await q.query(`
      CREATE TABLE grant_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        kind text NOT NULL CHECK (kind IN ('QUOTE', 'ENROLMENT_CONFIRMATION', 'CERTIFICATE', 'IDENTITY', 'OTHER')),
        file_name text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 524288),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_documents_size_check CHECK (octet_length(content) = size_bytes)
      )`);
    await q.query(`CREATE INDEX grant_documents_application_idx ON grant_documents (application_id, kind)`);

    await q.query(`
      CREATE TABLE grant_payees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        kind text NOT NULL CHECK (kind IN ('PROVIDER', 'APPLICANT')),
        bank_code text NOT NULL CHECK (bank_code ~ '^[0-9]{4}$'),
        bank_name text NOT NULL,
        branch_code text NOT NULL CHECK (branch_code ~ '^[0-9]{3}$'),
        branch_name text NOT NULL,
        account_type text NOT NULL CHECK (account_type IN ('ORDINARY', 'CURRENT', 'SAVINGS')),
        account_number text NOT NULL CHECK (account_number ~ '^[0-9]{7}$'),
        holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 30),
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX grant_payees_application_key ON grant_payees (application_id)`);

    await q.query(`
      CREATE TABLE grant_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES grant_programs (id),
        transfer_date date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'EXPORTED')),
        line_ending text NOT NULL DEFAULT 'CRLF' CHECK (line_ending IN ('CRLF', 'LF', 'NONE')),
        record_count integer NOT NULL DEFAULT 0,
        total_amount bigint NOT NULL DEFAULT 0,
        file bytea,
        file_sha256 text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        exported_by uuid,
        exported_at timestamptz,
        CONSTRAINT grant_batches_export_check CHECK ((status = 'EXPORTED') = (file IS NOT NULL AND exported_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX grant_batches_program_date_idx ON grant_batches (program_id, transfer_date)`);
    // An exported batch is final: its file, counts and totals never change.
    await q.query(`
      CREATE FUNCTION grant_batches_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'EXPORTED' THEN
          RAISE EXCEPTION 'grant batch % was exported and cannot change', OLD.id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER grant_batches_frozen BEFORE UPDATE OR DELETE ON grant_batches FOR EACH ROW EXECUTE FUNCTION grant_batches_frozen()`);

    await q.query(`
      CREATE TABLE grant_disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES grant_applications (id),
        program_id uuid NOT NULL REFERENCES grant_programs (id),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'IN_BATCH', 'PAID', 'RETURNED', 'CANCELLED')),
        final boolean NOT NULL DEFAULT false,
        batch_id uuid REFERENCES grant_batches (id),
        bank_code text,
        bank_name text,
        branch_code text,
        branch_name text,
        account_type text,
        account_number text,
        holder_name text,
        paid_on date,
        payment_entry_id uuid REFERENCES journal_entries (id),
        return_reason text,
        replaced_by uuid,
        scheduled_by uuid NOT NULL,
        scheduled_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT grant_disbursements_batch_check CHECK ((status = 'SCHEDULED' OR status = 'CANCELLED') = (batch_id IS NULL)),
        CONSTRAINT grant_disbursements_paid_check CHECK ((status = 'PAID') = (paid_on IS NOT NULL) OR status = 'RETURNED')
      )`);
    await q.query(`CREATE INDEX grant_disbursements_application_idx ON grant_disbursements (application_id)`);
    await q.query(`CREATE INDEX grant_disbursements_program_status_idx ON grant_disbursements (program_id, status)`);
    await q.query(`CREATE INDEX grant_disbursements_batch_idx ON grant_disbursements (batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grant_disbursements`);
    await q.query(`DROP TABLE grant_batches`);
    await q.query(`DROP FUNCTION grant_batches_frozen()`);
    await q.query(`DROP TABLE grant_payees`);
    await q.query(`DROP TABLE grant_documents`);
    await q.query(`DROP TABLE grant_applications`);
    await q.query(`DROP TABLE grant_programs`);
  }
}
