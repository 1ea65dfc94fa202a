import { Injectable } from '@nestjs/common';
import { TransactionService } from '#core';
import type { Actor } from '#auth';
import { AuditLog } from '#audit';
import { GrantApplicationStatus } from './application-status.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import type { GrantPayee } from './grant-payee.entity.js';
import { GrantsError } from './grants.errors.js';
import { lookUpBranch, type BankBranch } from './zengin/bank-directory.js';
import { zenginName } from './zengin/half-width-kana.js';
import type { SetGrantPayeeInput } from './api/grant-payment.input.js';

const CLOSED = [GrantApplicationStatus.REJECTED, GrantApplicationStatus.COMPLETED, GrantApplicationStatus.CANCELLED];

/** A bank and branch that exist in the zengin-code list, or a field error naming which code is wrong. */
export function requireBankBranch(bankCode: string, branchCode: string, fields = { bank: 'input.bankCode', branch: 'input.branchCode' }): BankBranch {
  const found = lookUpBranch(bankCode, branchCode);
  if (found.ok) return found.value;
  const error = found.problem === 'UNKNOWN_BANK' ? GrantsError.bank.unknownBank(bankCode) : GrantsError.bank.unknownBranch(bankCode, branchCode);
  error.fields[0].field = found.problem === 'UNKNOWN_BANK' ? fields.bank : fields.branch;
  throw error;
}

/** Payees of grants: only grant staff set or read them. */
@Injectable()
export class GrantPayeeService {
  constructor(
    private readonly tx: TransactionService,
    private readonly applications: GrantApplicationRepository,
    private readonly disbursements: GrantDisbursementRepository,
    private readonly audit: AuditLog,
  ) {}

  async set(actor: Actor, input: SetGrantPayeeInput): Promise<GrantPayee> {
    const branch = requireBankBranch(input.bankCode, input.branchCode);
    const holder = zenginName(input.holderName, 30);
    if (!holder.ok) throw GrantsError.bank.holderName(holder.problem);
    return this.tx.run(async () => {
      const application = await this.applications.lockById(input.applicationId);
      if (!application) throw GrantsError.applicationNotFound(input.applicationId);
      if (CLOSED.includes(application.status)) throw GrantsError.notEditable(application.status);
      const before = await this.disbursements.payeeOf(application.id);
      const payee = await this.disbursements.upsertPayee({
        applicationId: application.id,
        kind: input.kind,
        bankCode: input.bankCode,
        bankName: branch.bankKana,
        branchCode: input.branchCode,
        branchName: branch.branchKana,
        accountType: input.accountType,
        accountNumber: input.accountNumber,
        holderName: holder.value,
        updatedBy: actor.userId,
      });
      // The audit trail keeps that the account changed, not the account itself (auditors read it).
      const masked = (p: GrantPayee | null) => p && { kind: p.kind, bankCode: p.bankCode, branchCode: p.branchCode, accountType: p.accountType, accountNumber: `****${p.accountNumber.slice(-3)}` };
      await this.audit.record(actor, { action: 'grantPayee.set', entityType: 'GrantApplication', entityId: application.id, before: masked(before), after: masked(payee) });
      return payee;
    });
  }

  async get(applicationId: string): Promise<GrantPayee | null> {
    const application = await this.applications.findById(applicationId);
    if (!application) throw GrantsError.applicationNotFound(applicationId);
    return this.disbursements.payeeOf(applicationId);
  }
}
