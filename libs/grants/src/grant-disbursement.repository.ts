import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import { GrantBatch } from './grant-batch.entity.js';
import { GrantDisbursement } from './grant-disbursement.entity.js';
import { DisbursementStatus } from './grant-enums.js';
import { GrantPayee } from './grant-payee.entity.js';

/** Payees, disbursements and payment batches. Runs in the caller's transaction. */
@Injectable()
export class GrantDisbursementRepository {
  constructor(private readonly tx: TransactionService) {}

  private get payees() {
    return this.tx.repository(GrantPayee);
  }

  private get disbursements() {
    return this.tx.repository(GrantDisbursement);
  }

  private get batches() {
    return this.tx.repository(GrantBatch);
  }

  payeeOf(applicationId: string): Promise<GrantPayee | null> {
    return this.payees.findOne({ where: { applicationId } });
  }

  async upsertPayee(payee: Omit<GrantPayee, 'id' | 'updatedAt'>): Promise<GrantPayee> {
    const existing = await this.payeeOf(payee.applicationId);
    return this.payees.save(Object.assign(existing ?? new GrantPayee(), payee));
  }

  insert(row: Pick<GrantDisbursement, 'applicationId' | 'programId' | 'amount' | 'final' | 'scheduledBy'>): Promise<GrantDisbursement> {
    return this.disbursements.save(Object.assign(new GrantDisbursement(), row, { status: DisbursementStatus.SCHEDULED }));
  }

  findById(id: string): Promise<GrantDisbursement | null> {
    return this.disbursements.findOne({ where: { id } });
  }

  lockById(id: string): Promise<GrantDisbursement | null> {
    return this.disbursements.createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id }).getOne();
  }

  save(d: GrantDisbursement): Promise<GrantDisbursement> {
    return this.disbursements.save(d);
  }

  ofApplication(applicationId: string): Promise<GrantDisbursement[]> {
    return this.disbursements.find({ where: { applicationId }, order: { scheduledAt: 'ASC', id: 'ASC' } });
  }

  /** The application's disbursements, locked: a batch being made cannot take one while the grant is closed, nor the reverse. */
  lockOfApplication(applicationId: string): Promise<GrantDisbursement[]> {
    return this.disbursements
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.application_id = :applicationId', { applicationId })
      .orderBy('d.scheduled_at')
      .addOrderBy('d.id')
      .getMany();
  }

  ofApplications(ids: string[]): Promise<GrantDisbursement[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.disbursements.createQueryBuilder('d').where('d.application_id = ANY(:ids)', { ids }).orderBy('d.scheduled_at').addOrderBy('d.id').getMany();
  }

  ofBatch(batchId: string): Promise<GrantDisbursement[]> {
    return this.disbursements.find({ where: { batchId }, order: { bankCode: 'ASC', branchCode: 'ASC', id: 'ASC' } });
  }

  /** Locks the program's queue (SCHEDULED disbursements), oldest first. */
  lockQueue(programId: string): Promise<GrantDisbursement[]> {
    return this.disbursements
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.program_id = :programId AND d.status = :s', { programId, s: DisbursementStatus.SCHEDULED })
      .orderBy('d.scheduled_at')
      .addOrderBy('d.id')
      .getMany();
  }

  /** Copies each payee's account into its disbursement and puts them in the batch (one statement). */
  async assignToBatch(batchId: string, ids: string[]): Promise<void> {
    await this.tx.manager.query(
      `UPDATE grant_disbursements d
          SET status = 'IN_BATCH', batch_id = $1, bank_code = p.bank_code, bank_name = p.bank_name, branch_code = p.branch_code,
              branch_name = p.branch_name, account_type = p.account_type, account_number = p.account_number, holder_name = p.holder_name
         FROM grant_payees p
        WHERE p.application_id = d.application_id AND d.id = ANY($2::uuid[])`,
      [batchId, ids],
    );
  }

  insertBatch(row: Pick<GrantBatch, 'programId' | 'transferDate' | 'lineEnding' | 'createdBy'>): Promise<GrantBatch> {
    return this.batches.save(Object.assign(new GrantBatch(), row));
  }

  findBatch(id: string): Promise<GrantBatch | null> {
    return this.batches.findOne({ where: { id } });
  }

  lockBatch(id: string): Promise<GrantBatch | null> {
    return this.batches.createQueryBuilder('b').setLock('pessimistic_write').where('b.id = :id', { id }).getOne();
  }

  async batchFile(id: string): Promise<Buffer | null> {
    const batch = await this.batches.createQueryBuilder('b').addSelect('b.file').where('b.id = :id', { id }).getOne();
    return batch?.file ?? null;
  }

  saveBatch(batch: GrantBatch): Promise<GrantBatch> {
    return this.batches.save(batch);
  }

  /** Exported batches of a transfer date and total that still have transfers not marked paid or returned. */
  unsettledBatches(transferDate: string, total: bigint): Promise<GrantBatch[]> {
    return this.batches
      .createQueryBuilder('b')
      .where('b.status = :s AND b.transfer_date = :d AND b.total_amount = :t', { s: 'EXPORTED', d: transferDate, t: total.toString() })
      .andWhere(`EXISTS (SELECT 1 FROM grant_disbursements d WHERE d.batch_id = b.id AND d.status = 'IN_BATCH')`)
      .orderBy('b.created_at')
      .getMany();
  }

  /** Exported batches of that total on that date, whether their payments are marked paid yet or not. */
  exportedBatches(transferDate: string, total: bigint): Promise<GrantBatch[]> {
    return this.batches
      .createQueryBuilder('b')
      .where('b.status = :s AND b.transfer_date = :d AND b.total_amount = :t', { s: 'EXPORTED', d: transferDate, t: total.toString() })
      .orderBy('b.created_at')
      .getMany();
  }

    batchesOf(programId: string): Promise<GrantBatch[]> {
    return this.batches.find({ where: { programId }, order: { transferDate: 'DESC', id: 'DESC' } });
  }
}
