import { DataSource } from 'typeorm';
import { DatabaseConfig, dataSourceOptions } from '#core';
import { allEntities } from './entities.js';
import { migrations } from './index.js';

/** The DataSource of the TypeORM CLI (`npm run migrate`, `migration:generate`). */
export default new DataSource(dataSourceOptions(DatabaseConfig.fromEnv(process.env), allEntities, migrations));
