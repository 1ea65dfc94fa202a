import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { BankAccount } from './bank-account.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { LineStatus, StatementLine } from './statement-line.entity.js';

/** The reconciliation tables. Runs in the caller's transaction. */
@Injectable()
export class StatementLineRepository {
  constructor(private readonly tx: TransactionService) {}

  private get lines() {
    return this.tx.repository(StatementLine);
  }

  bankAccountByNumber(bankCode: string, branchCode: string, accountType: string, accountNumber: string): Promise<BankAccount | null> {
    return this.tx.repository(BankAccount).findOneBy({ bankCode, branchCode, accountType, accountNumber });
  }

  bankAccount(id: string): Promise<BankAccount | null> {
    return this.tx.repository(BankAccount).findOneBy({ id });
  }

  bankAccountsOfBranches(branchIds: 'ALL' | string[]): Promise<BankAccount[]> {
    const q = this.tx.repository(BankAccount).createQueryBuilder('a').orderBy('a.createdAt').addOrderBy('a.id');
    if (branchIds !== 'ALL') q.where('a.branchId IN (:...ids)', { ids: branchIds.length ? branchIds : ['00000000-0000-0000-0000-000000000000'] });
    return q.getMany();
  }

  saveBankAccount(account: Partial<BankAccount>): Promise<BankAccount> {
    return this.tx.repository(BankAccount).save(this.tx.repository(BankAccount).create(account));
  }

  statementByFile(bankAccountId: string, fileSha256: string): Promise<BankStatement | null> {
    return this.tx.repository(BankStatement).findOneBy({ bankAccountId, fileSha256 });
  }

  async hasStatements(bankAccountId: string): Promise<boolean> {
    return (await this.tx.repository(BankStatement).countBy({ bankAccountId })) > 0;
  }

  /** The opening balance of the account's earliest statement that has one, and its first day. */
  async firstOpeningBalance(bankAccountId: string): Promise<{ balance: bigint; from: string } | null> {
    const s = await this.tx
      .repository(BankStatement)
      .createQueryBuilder('s')
      .where('s.bankAccountId = :bankAccountId AND s.openingBalance IS NOT NULL AND s.periodFrom IS NOT NULL', { bankAccountId })
      .orderBy('s.periodFrom')
      .addOrderBy('s.createdAt')
      .getOne();
    return s ? { balance: s.openingBalance!, from: s.periodFrom! } : null;
  }

  /** Credits minus debits of the account's lines booked in [from, to]. */
  async netBetween(bankAccountId: string, from: string, to: string): Promise<bigint> {
    if (to < from) return 0n;
    const [row] = await this.lines.query(
      `SELECT COALESCE(sum(CASE WHEN direction = 'IN' THEN amount ELSE -amount END), 0)::text AS net FROM reconciliation_lines WHERE bank_account_id = $1 AND booked_on BETWEEN $2 AND $3`,
      [bankAccountId, from, to],
    );
    return BigInt(row.net);
  }

  saveStatement(statement: Partial<BankStatement>): Promise<BankStatement> {
    return this.tx.repository(BankStatement).save(this.tx.repository(BankStatement).create(statement));
  }

  /** Inserts the lines not already known (by fingerprint) and returns the new ones. */
  async insertNew(rows: Partial<StatementLine>[]): Promise<StatementLine[]> {
    const out: StatementLine[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const result = await this.lines.createQueryBuilder().insert().into(StatementLine).values(rows.slice(i, i + 1000)).orIgnore().returning('*').execute();
      const ids = (result.raw as { id: string }[]).map((r) => r.id);
      if (ids.length) out.push(...(await this.lines.createQueryBuilder('l').where('l.id IN (:...ids)', { ids }).orderBy('l.lineNumber').getMany()));
    }
    return out;
  }

  /** The lines, locked in id order (two confirmations of overlapping lines never deadlock). */
  lockMany(ids: readonly string[]): Promise<StatementLine[]> {
    return this.lines.createQueryBuilder('l').setLock('pessimistic_write').where('l.id IN (:...ids)', { ids }).orderBy('l.id').getMany();
  }

  bankAccounts(ids: string[]): Promise<BankAccount[]> {
    return ids.length ? this.tx.repository(BankAccount).createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany() : Promise.resolve([]);
  }

  /** Confirmed lines written in one statement. */
  async markConfirmed(lines: StatementLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.lines.query(
      `UPDATE reconciliation_lines l SET status = 'CONFIRMED', payment_ids = u.payment_ids::uuid[], confirmations = u.confirmations, auto_confirmed = u.auto_confirmed,
              confirmed_by = u.confirmed_by, confirmed_at = u.confirmed_at, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, payment_ids text[], confirmations int, auto_confirmed boolean, confirmed_by uuid, confirmed_at timestamptz)
        WHERE l.id = u.id`,
      [JSON.stringify(lines.map((l) => ({ id: l.id, payment_ids: l.paymentIds, confirmations: l.confirmations, auto_confirmed: l.autoConfirmed, confirmed_by: l.confirmedBy, confirmed_at: l.confirmedAt })))],
    );
  }

  lock(id: string): Promise<StatementLine | null> {
    return this.lines.createQueryBuilder('l').setLock('pessimistic_write').where('l.id = :id', { id }).getOne();
  }

  lineOfPayment(paymentId: string): Promise<StatementLine | null> {
    return this.lines.createQueryBuilder('l').where(':id = ANY(l.paymentIds)', { id: paymentId }).getOne();
  }

  /** Of these payments, the ones some line is confirmed with. */
  async paymentsOnLines(paymentIds: string[]): Promise<Set<string>> {
    if (paymentIds.length === 0) return new Set();
    const rows: { id: string }[] = await this.lines.query(`SELECT DISTINCT unnest(payment_ids) AS id FROM reconciliation_lines WHERE payment_ids && $1::uuid[]`, [paymentIds]);
    return new Set(rows.map((r) => r.id).filter((id) => paymentIds.includes(id)));
  }

  lineOfSettlement(settlementId: string): Promise<StatementLine | null> {
    return this.lines.findOneBy({ settlementId });
  }

  lineOfPayout(payoutId: string): Promise<StatementLine | null> {
    return this.lines.findOneBy({ payoutId });
  }

  get(id: string): Promise<StatementLine | null> {
    return this.lines.findOneBy({ id });
  }

  save(line: StatementLine): Promise<StatementLine> {
    return this.lines.save(line);
  }

  async updateSuggestions(id: string, status: LineStatus, suggestions: StatementLine['suggestions'], extra: Partial<StatementLine> = {}): Promise<void> {
    await this.lines.update({ id }, { status, suggestions, ...extra });
  }

  /** Many lines' status and suggestions in one statement. */
  async updateManySuggestions(rows: { id: string; status: LineStatus; suggestions: StatementLine['suggestions'] }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.lines.query(
      `UPDATE reconciliation_lines l SET status = u.status, suggestions = u.suggestions, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, status text, suggestions jsonb) WHERE l.id = u.id`,
      [JSON.stringify(rows)],
    );
  }

  /** A page of an account's lines in statement order (date, line, id), after the line `after`. */
  async ofAccount(bankAccountId: string, filter: { status?: LineStatus | null; from?: string | null; to?: string | null; first?: number; after?: string | null }): Promise<StatementLine[]> {
    const q = this.lines.createQueryBuilder('l').where('l.bankAccountId = :bankAccountId', { bankAccountId });
    const after = filter.after ? await this.lines.findOneBy({ id: filter.after, bankAccountId }) : null;
    if (after) {
      q.andWhere('(l.bookedOn, l.lineNumber, l.id) > (:on, :n, :id)', { on: after.bookedOn, n: after.lineNumber, id: after.id });
    }
    if (filter.status) q.andWhere('l.status = :status', { status: filter.status });
    if (filter.from) q.andWhere('l.bookedOn >= :from', { from: filter.from });
    if (filter.to) q.andWhere('l.bookedOn <= :to', { to: filter.to });
    return q.orderBy('l.bookedOn').addOrderBy('l.lineNumber').addOrderBy('l.id').limit(filter.first ?? 20).getMany();
  }

  /** An earlier incoming line a correction reverses: same account and amount, not itself corrected. */
  correctedLine(correction: StatementLine): Promise<StatementLine | null> {
    return this.lines
      .createQueryBuilder('l')
      .where('l.bankAccountId = :a AND l.amount = :amount AND l.direction <> :direction AND l.kind = :normal AND l.bookedOn <= :on', {
        a: correction.bankAccountId,
        amount: correction.amount.toString(),
        direction: correction.direction,
        normal: 'NORMAL',
        on: correction.bookedOn,
      })
      .andWhere("l.notDuesCategory IS DISTINCT FROM 'CORRECTED'")
      .andWhere('(l.payerName = :payer OR :payer = \'\')', { payer: correction.payerName })
      .orderBy('l.bookedOn', 'DESC')
      .addOrderBy('l.lineNumber', 'DESC')
      .getOne();
  }
}
