import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { GRANT_BATCH_WRITERS, GRANT_STAFF, requireBatchRole } from './grant-access.js';
import { batchListCsv, batchListPdf, type BatchListHeader, type BatchListRow } from './batch-list.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import type { GrantBatch } from './grant-batch.entity.js';
import { DisbursementStatus, GrantBatchStatus, ZENGIN_ACCOUNT_TYPE, type BankAccountType } from './grant-enums.js';
import type { GrantDisbursement } from './grant-disbursement.entity.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import { GrantDisbursementService } from './grant-disbursement.service.js';
import { applicationCode } from './grant-notices.js';
import type { GrantProgram } from './grant-program.entity.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantsError } from './grants.errors.js';
import { isBankBusinessDay, nextBankBusinessDay } from './zengin/bank-days.js';
import { lookUpBranch } from './zengin/bank-directory.js';
import { zenginTransferFile } from './zengin/zengin-transfer-file.js';
import type { CreateGrantBatchInput } from './api/grant-payment.input.js';

const TYPE_JA: Record<BankAccountType, string> = { ORDINARY: '普通', CURRENT: '当座', SAVINGS: '貯蓄' };

/** Payment batches: the queued payments of a program for one transfer date, a Zengin 総合振込 file, its signature list. */
@Injectable()
export class GrantBatchService {
  constructor(
    private readonly tx: TransactionService,
    private readonly programs: GrantProgramRepository,
    private readonly applications: GrantApplicationRepository,
    private readonly disbursements: GrantDisbursementRepository,
    private readonly payments: GrantDisbursementService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** GRANT_BATCH_WRITERS only (the createGrantBatch mutation's list). */
  async create(actor: Actor, input: CreateGrantBatchInput): Promise<GrantBatch> {
    requireBatchRole(actor, GRANT_BATCH_WRITERS);
    if (input.transferDate < this.clock.today()) throw GrantsError.transferDateInPast();
    if (!isBankBusinessDay(input.transferDate)) throw GrantsError.notBankBusinessDay(input.transferDate, nextBankBusinessDay(input.transferDate));
    return this.tx.run(async () => {
      const program = await this.programs.findById(input.programId);
      if (!program) throw GrantsError.programNotFound(input.programId);
      const queue = await this.disbursements.lockQueue(program.id);
      if (queue.length === 0) throw GrantsError.nothingToBatch();
      const batch = await this.disbursements.insertBatch({ programId: program.id, transferDate: input.transferDate, lineEnding: input.lineEnding ?? 'CRLF', createdBy: actor.userId });
      await this.disbursements.assignToBatch(batch.id, queue.map((d) => d.id));
      batch.recordCount = queue.length;
      batch.totalAmount = queue.reduce((s, d) => s + d.amount, 0n);
      const saved = await this.disbursements.saveBatch(batch);
      await this.audit.record(actor, { action: 'grantBatch.create', entityType: 'GrantBatch', entityId: batch.id, after: { ...saved, disbursements: queue.map((d) => d.id) } });
      return saved;
    });
  }

  /**
   * Writes the Zengin file once; the batch is then frozen (a trigger refuses any change). Exporting again returns it as it is.
   * GRANT_BATCH_WRITERS only (the exportGrantBatch mutation's list, and `grants:batch-file`); audited with the actor.
   */
  async export(actor: Actor, batchId: string): Promise<GrantBatch> {
    requireBatchRole(actor, GRANT_BATCH_WRITERS);
    return this.tx.run(async () => {
      const batch = await this.disbursements.lockBatch(batchId);
      if (!batch) throw GrantsError.batchNotFound(batchId);
      if (batch.status === GrantBatchStatus.EXPORTED) return batch;
      const program = (await this.programs.findById(batch.programId))!;
      const list = await this.disbursements.ofBatch(batch.id);
      const payer = lookUpBranch(program.payerBankCode, program.payerBranchCode);
      const file = zenginTransferFile(
        {
          requesterCode: program.payerCode,
          requesterName: program.payerName,
          transferDate: batch.transferDate,
          bankCode: program.payerBankCode,
          bankName: payer.ok ? payer.value.bankKana : '',
          branchCode: program.payerBranchCode,
          branchName: payer.ok ? payer.value.branchKana : '',
          accountType: ZENGIN_ACCOUNT_TYPE[program.payerAccountType as BankAccountType],
          accountNumber: program.payerAccountNumber,
        },
        await this.records(program, list),
        batch.lineEnding,
      );
      Object.assign(batch, { status: GrantBatchStatus.EXPORTED, file, fileSha256: createHash('sha256').update(file).digest('hex'), exportedBy: actor.userId, exportedAt: this.clock.now() });
      const saved = await this.disbursements.saveBatch(batch);
      await this.audit.record(actor, { action: 'grantBatch.export', entityType: 'GrantBatch', entityId: batch.id, after: { status: saved.status, fileSha256: saved.fileSha256, recordCount: saved.recordCount } });
      return saved;
    });
  }

  /** Every transfer of the batch was executed on `paidOn`: each is paid in the books (returned ones are marked separately). */
  async markPaid(actor: Actor, batchId: string, paidOn: string): Promise<GrantDisbursement[]> {
    return this.tx.run(async () => {
      const batch = await this.disbursements.findBatch(batchId);
      if (!batch) throw GrantsError.batchNotFound(batchId);
      if (batch.status !== GrantBatchStatus.EXPORTED) throw GrantsError.batchNotExported();
      const list = await this.disbursements.ofBatch(batchId);
      const out: GrantDisbursement[] = [];
      for (const d of list) out.push(d.status === DisbursementStatus.IN_BATCH ? await this.payments.markPaid(actor, d.id, paidOn) : d);
      return out;
    });
  }

  /**
   * For reconciliation: the exported batches a bank debit of `amount` on `debitedOn` can be (総合振込 is debited
   * as one sum on the transfer date). Match one, then call markPaid.
   */
  candidatesForDebit(debitedOn: string, amount: bigint): Promise<GrantBatch[]> {
    return this.disbursements.unsettledBatches(debitedOn, amount);
  }

  /**
   * Like `candidatesForDebit`, with the batches already marked paid by hand too (the bank's debit still
   * comes): reconciliation links the debit to such a batch, and `markPaid` posts nothing again.
   */
  exportedForDebit(debitedOn: string, amount: bigint): Promise<GrantBatch[]> {
    return this.disbursements.exportedBatches(debitedOn, amount);
  }

  async get(batchId: string): Promise<{ batch: GrantBatch; disbursements: GrantDisbursement[] }> {
    const batch = await this.disbursements.findBatch(batchId);
    if (!batch) throw GrantsError.batchNotFound(batchId);
    return { batch, disbursements: await this.disbursements.ofBatch(batchId) };
  }

  list(programId: string): Promise<GrantBatch[]> {
    return this.disbursements.batchesOf(programId);
  }

  /** The exported file; grant staff only (it holds the payees' bank accounts). */
  async file(actor: Actor, batchId: string): Promise<{ batch: GrantBatch; file: Buffer }> {
    requireBatchRole(actor, GRANT_STAFF);
    const { batch } = await this.get(batchId);
    const file = await this.disbursements.batchFile(batchId);
    if (batch.status !== GrantBatchStatus.EXPORTED || !file) throw GrantsError.batchNotExported();
    return { batch, file };
  }

  /** The signature list as CSV; grant staff only (it holds the payees' bank accounts). */
  async listCsv(actor: Actor, batchId: string): Promise<string> {
    const { header, rows } = await this.listing(actor, batchId);
    return batchListCsv(header, rows);
  }

  /** The signature list as PDF; grant staff only. */
  async listPdf(actor: Actor, batchId: string): Promise<Buffer> {
    const { header, rows } = await this.listing(actor, batchId);
    return batchListPdf(header, rows);
  }

  private async listing(actor: Actor, batchId: string): Promise<{ header: BatchListHeader; rows: BatchListRow[] }> {
    requireBatchRole(actor, GRANT_STAFF);
    const { batch, disbursements } = await this.get(batchId);
    const program = (await this.programs.findById(batch.programId))!;
    const numbers = await this.numbers(disbursements);
    return {
      header: { programCode: program.code, programName: program.nameJa, transferDate: batch.transferDate, recordCount: batch.recordCount, total: batch.totalAmount, fileSha256: batch.fileSha256 },
      rows: disbursements.map((d) => ({
        applicationCode: applicationCode(program, { number: numbers.get(d.applicationId)! }),
        payee: d.holderName ?? '',
        bank: `${d.bankCode} ${d.bankName}`,
        branch: `${d.branchCode} ${d.branchName}`,
        accountType: TYPE_JA[d.accountType!],
        accountNumber: d.accountNumber ?? '',
        amount: d.amount,
      })),
    };
  }

  private async records(program: GrantProgram, list: readonly GrantDisbursement[]) {
    const numbers = await this.numbers(list);
    return list.map((d) => ({
      bankCode: d.bankCode!,
      bankName: d.bankName!,
      branchCode: d.branchCode!,
      branchName: d.branchName!,
      accountType: ZENGIN_ACCOUNT_TYPE[d.accountType!],
      accountNumber: d.accountNumber!,
      recipientName: d.holderName!,
      amount: d.amount,
      // 顧客コード1: the program's fiscal year and the application number, so the bank's advice names the grant.
      customerCode1: `${program.fiscalYear}${String(numbers.get(d.applicationId)).padStart(6, '0')}`,
    }));
  }

  private numbers(list: readonly GrantDisbursement[]): Promise<Map<string, number>> {
    return this.applications.numbersOf([...new Set(list.map((d) => d.applicationId))]);
  }
}
