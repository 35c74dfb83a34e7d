import { MysqlImpl } from './ddl';
import { withLiveColumn } from './live-column';
import type { DatabaseDialect } from '../database-dialect';
import { MysqlNamedLock } from './named-lock';
import { introspectMysql } from './introspect';
import { mysqlSql } from './sql';
import { normalizeMysqlType, reportedMysqlType } from './types';
import { MYSQL_COLUMN_TYPES } from './column-types';
import { runOneAtATime } from '../one-at-a-time';

/** MySQL and MariaDB: DDL commits at once, named locks, schemas are databases. */
export const mysql = {
  name: 'mysql',
  displayName: 'MySQL',
  driverTypes: ['mysql', 'mariadb'],
  connection: { kind: 'server', defaultPort: 3306 },
  columnTypes: MYSQL_COLUMN_TYPES,
  ddl: (context) => new MysqlImpl(context),
  sql: mysqlSql,
  recreateReason: () => undefined,
  withLiveColumn,
  // One transaction for a whole run would be a promise DDL's implicit commits cannot keep.
  defaultTransactionMode: 'per-migration',
  ddlCommitsImplicitly: true,
  begin: async (runner) => void (await runner.execute('START TRANSACTION')),
  deployLock: (runner, name, timeoutMs, onWait) => new MysqlNamedLock(runner, name, timeoutMs, onWait),
  switchesForeignKeysOff: false,
  runStatements: runOneAtATime,
  hasSchemas: false,
  tableExistsQuery: (tableName) => [
    'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [tableName],
  ],
  longTextType: 'LONGTEXT',
  utcNowText: "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')",
  checkConditions: {
    // The default sql_mode: "..." is a string, and a backslash escapes in strings.
    quoting: { doubleQuotedStrings: true, backslashEscapes: true, bracketNames: false },
    rewritesLikeMariaDb: true,
  },
  introspect: introspectMysql,
  schema: {
    hasComments: true,
    enumStyle: 'inline',
    hasPartialIndexes: false,
    hasOnUpdate: true,
    uniqueConstraintsAreIndexes: true,
    indexesForeignKeys: true,
    restatesColumns: true,
    castsWithUsing: false,
    fillsNewNotNullColumns: true,
    defaultFractionalDigits: 0,
    hasTwoPhaseCommit: false,
    normalizeType: normalizeMysqlType,
    reportedType: reportedMysqlType,
  },
  entityTypes: {
    spellings: { float: 'real', real: 'float' },
    autoincrementType: undefined,
    objectType: 'json',
    hasUuidType: false,
    generatedUuidLength: '36',
    uuidDefault: undefined,
    hasArrays: false,
    hasUnsigned: true,
    defaultVarcharLength: '255',
    defaultCharLength: '1',
    hasFractionalSeconds: true,
    booleanDefault: (value) => (value ? '1' : '0'),
  },
} satisfies DatabaseDialect;
