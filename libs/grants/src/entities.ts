import { GrantApplication } from './grant-application.entity.js';
import { GrantBatch } from './grant-batch.entity.js';
import { GrantDisbursement } from './grant-disbursement.entity.js';
import { GrantDocument } from './grant-document.entity.js';
import { GrantPayee } from './grant-payee.entity.js';
import { GrantProgram } from './grant-program.entity.js';

export const grantsEntities = [GrantProgram, GrantApplication, GrantDocument, GrantPayee, GrantDisbursement, GrantBatch];
