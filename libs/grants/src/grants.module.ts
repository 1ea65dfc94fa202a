import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '#audit';
import { LedgerModule } from '#ledger';
import { NotificationsModule } from '#notifications';
import { grantsEntities } from './entities.js';
import { GrantApplicationRepository } from './grant-application.repository.js';
import { GrantDisbursementRepository } from './grant-disbursement.repository.js';
import { GrantProgramRepository } from './grant-program.repository.js';
import { GrantReportRepository } from './grant-report.repository.js';
import { GrantLedger } from './grant-ledger.js';
import { GrantLocks } from './grant-locks.js';
import { GrantMoves } from './grant-moves.service.js';
import { GrantNotices } from './grant-notices.js';
import { GrantProgramService } from './grant-program.service.js';
import { GrantApplicationService } from './grant-application.service.js';
import { GrantDecisionService } from './grant-decision.service.js';
import { GrantClosingService } from './grant-closing.service.js';
import { GrantPayeeService } from './grant-payee.service.js';
import { GrantDisbursementService } from './grant-disbursement.service.js';
import { GrantBatchService } from './grant-batch.service.js';
import { GrantReports } from './grant-reports.service.js';
import { GrantsDemo } from './grants-demo.service.js';

/** Training grants of the foundation: uses core, auth, audit, ledger and notifications only. */
@Module({
  imports: [TypeOrmModule.forFeature(grantsEntities), AuditModule, LedgerModule, NotificationsModule],
  providers: [
    // repositories
    GrantProgramRepository,
    GrantApplicationRepository,
    GrantDisbursementRepository,
    GrantReportRepository,
    // shared steps
    GrantLocks,
    GrantMoves,
    GrantLedger,
    GrantNotices,
    // use cases
    GrantProgramService,
    GrantApplicationService,
    GrantDecisionService,
    GrantClosingService,
    GrantPayeeService,
    GrantDisbursementService,
    GrantBatchService,
    GrantReports,
    GrantsDemo,
  ],
  exports: [GrantProgramService, GrantApplicationService, GrantDecisionService, GrantClosingService, GrantPayeeService, GrantDisbursementService, GrantBatchService, GrantReports, GrantsDemo],
})
export class GrantsModule {}
