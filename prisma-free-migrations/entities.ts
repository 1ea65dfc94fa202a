import { coreEntities } from '#core';
import { authEntities } from '#auth';
import { auditEntities } from '#audit';
import { federationEntities } from '#federation';

/** Every entity of every library: the migration CLI and the schema drift test compare these with the migrations. */
export const allEntities = [...coreEntities, ...federationEntities, ...authEntities, ...auditEntities];
