import { SqliteImpl } from '../../operations/dialects/sqlite';
import type { DatabaseDialect } from '../database-dialect';
import { NO_LOCK } from '../deploy-lock';
import { beginImmediate } from './begin-immediate';
import { sqliteSql } from './sql';

/** SQLite (better-sqlite3): one file, one writer; the run's transaction is its lock. */
export const sqlite = {
  name: 'sqlite',
  ddl: (context) => new SqliteImpl(context),
  sql: sqliteSql,
  defaultTransactionMode: 'all',
  ddlCommitsImplicitly: false,
  begin: beginImmediate,
  // The run's BEGIN IMMEDIATE excludes other writers, so there is no separate lock.
  deployLock: () => NO_LOCK,
  switchesForeignKeysOff: true,
  hasSchemas: false,
  tableExistsQuery: (tableName) => ["SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [tableName]],
  longTextType: 'TEXT',
} satisfies DatabaseDialect;
