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
  utcNowText: `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
} satisfies DatabaseDialect;
