/**
 * The members who have an e-mail address, as a SELECT for another library's set-based statement
 * (`member_id`, `name`, `email`): the renewal reminders join it to record, in the same statement,
 * which reminders get an e-mail. Reads members only; the member's language is the user's (#auth).
 * A probe by member_id is answered from members_with_email_idx alone (migration 1764000500000).
 */
export const MEMBER_EMAIL_CONTACTS_SQL = `SELECT id AS member_id, name, email FROM members WHERE email IS NOT NULL`;
