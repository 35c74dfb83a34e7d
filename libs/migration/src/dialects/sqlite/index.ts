import { sqliteRecreateReason } from './batch-plan';
import { SqliteImpl } from './ddl';
import type { DatabaseDialect } from '../database-dialect';
import { NO_LOCK } from '../deploy-lock';
import { beginImmediate } from './begin-immediate';
import { introspectSqlite } from './introspect';
import { sqliteSql } from './sql';
import { normalizeSqliteType } from './types';
import { SQLITE_COLUMN_TYPES } from './column-types';
import { SQLITE_CONDITIONS } from './conditions';
import { runOneAtATime } from '../one-at-a-time';

/** SQLite (better-sqlite3): one file, one writer; the run's transaction is its lock. */
export const sqlite = {
  name: 'sqlite',
  displayName: 'SQLite',
  driverTypes: ['better-sqlite3', 'sqlite'],
  connection: { kind: 'file' },
  columnTypes: SQLITE_COLUMN_TYPES,
  ddl: (context) => new SqliteImpl(context),
  sql: sqliteSql,
  recreateReason: sqliteRecreateReason,
  withLiveColumn: async (op) => op,
  defaultTransactionMode: 'all',
  ddlCommitsImplicitly: false,
  begin: beginImmediate,
  // The run's BEGIN IMMEDIATE excludes other writers, so there is no separate lock.
  deployLock: () => NO_LOCK,
  switchesForeignKeysOff: true,
  runStatements: runOneAtATime,
  hasSchemas: false,
  tableExistsQuery: (tableName) => ["SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?", [tableName]],
  longTextType: 'TEXT',
  utcNowText: "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
  checkConditions: SQLITE_CONDITIONS,
  introspect: introspectSqlite,
  schema: {
    hasComments: false,
    enumStyle: 'check',
    hasPartialIndexes: true,
    hasOnUpdate: false,
    uniqueConstraintsAreIndexes: false,
    indexesForeignKeys: false,
    restatesColumns: false,
    castsWithUsing: false,
    fillsNewNotNullColumns: false,
    defaultFractionalDigits: 6,
    hasTwoPhaseCommit: false,
    normalizeType: normalizeSqliteType,
    reportedType: (normalized) => normalized,
  },
  entityTypes: {
    spellings: { float: 'float', real: 'float' },
    autoincrementType: 'integer',
    objectType: 'json',
    hasUuidType: false,
    generatedUuidLength: '',
    uuidDefault: undefined,
    hasArrays: false,
    hasUnsigned: false,
    defaultVarcharLength: '',
    defaultCharLength: '',
    hasFractionalSeconds: false,
    booleanDefault: (value) => (value ? '1' : '0'),
  },
} satisfies DatabaseDialect;
