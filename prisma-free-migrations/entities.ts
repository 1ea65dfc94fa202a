import { coreEntities } from '#core';
import { authEntities } from '#auth';
import { auditEntities } from '#audit';
import { federationEntities } from '#federation';
import { membersEntities } from '#members';
import { notificationsEntities } from '#notifications';
import { ledgerEntities } from '#ledger';
import { duesEntities } from '#dues';
import { paymentsEntities } from '#payments';
import { grantsEntities } from '#grants';
import { receiptsEntities } from '#receipts';
import { reconciliationEntities } from '#reconciliation';
import { renewalsEntities } from '#renewals';

/** Every entity of every library: the migration CLI and the schema drift test compare these with the migrations. */
export const allEntities = [
  ...coreEntities,
  ...federationEntities,
  ...authEntities,
  ...auditEntities,
  ...membersEntities,
  ...notificationsEntities,
  ...ledgerEntities,
  ...duesEntities,
  ...paymentsEntities,
  ...grantsEntities,
  ...receiptsEntities,
  ...reconciliationEntities,
  ...renewalsEntities,
];
