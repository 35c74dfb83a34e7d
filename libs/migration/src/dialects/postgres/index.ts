import { PostgresImpl } from '../../operations/dialects/postgres';
import type { DatabaseDialect } from '../database-dialect';
import { PostgresAdvisoryLock } from './advisory-lock';
import { postgresTableExistsQuery } from './catalog';
import { postgresSql } from './sql';

/** PostgreSQL: transactional DDL, schemas, enum types, advisory locks. */
export const postgres = {
  name: 'postgres',
  ddl: (context) => new PostgresImpl(context),
  sql: postgresSql,
  defaultTransactionMode: 'all',
  ddlCommitsImplicitly: false,
  begin: async (runner) => void (await runner.execute('BEGIN')),
  deployLock: (runner, name, timeoutMs, onWait) => new PostgresAdvisoryLock(runner, name, timeoutMs, onWait),
  switchesForeignKeysOff: false,
  hasSchemas: true,
  tableExistsQuery: postgresTableExistsQuery,
  longTextType: 'TEXT',
} satisfies DatabaseDialect;
