import { MysqlImpl } from '../../operations/dialects/mysql';
import type { DatabaseDialect } from '../database-dialect';
import { MysqlNamedLock } from './named-lock';
import { mysqlSql } from './sql';

/** MySQL and MariaDB: DDL commits at once, named locks, schemas are databases. */
export const mysql = {
  name: 'mysql',
  ddl: (context) => new MysqlImpl(context),
  sql: mysqlSql,
  // One transaction for a whole run would be a promise DDL's implicit commits cannot keep.
  defaultTransactionMode: 'per-migration',
  ddlCommitsImplicitly: true,
  begin: async (runner) => void (await runner.execute('START TRANSACTION')),
  deployLock: (runner, name, timeoutMs, onWait) => new MysqlNamedLock(runner, name, timeoutMs, onWait),
  switchesForeignKeysOff: false,
  hasSchemas: false,
  tableExistsQuery: (tableName) => ['SELECT 1 AS found FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', [tableName]],
  longTextType: 'LONGTEXT',
} satisfies DatabaseDialect;
