import { PostgresImpl } from './ddl';
import type { DatabaseDialect } from '../database-dialect';
import { PostgresAdvisoryLock } from './advisory-lock';
import { postgresTableExistsQuery } from './catalog';
import { introspectPostgres } from './introspect';
import { postgresSql } from './sql';
import { normalizePostgresType } from './types';
import { POSTGRES_COLUMN_TYPES } from './column-types';
import { runAsOneQuery } from './simple-query';

/** PostgreSQL: transactional DDL, schemas, enum types, advisory locks. */
export const postgres = {
  name: 'postgres',
  displayName: 'PostgreSQL',
  driverTypes: ['postgres'],
  connection: { kind: 'server', defaultPort: 5432 },
  columnTypes: POSTGRES_COLUMN_TYPES,
  ddl: (context) => new PostgresImpl(context),
  sql: postgresSql,
  recreateReason: () => undefined,
  withLiveColumn: async (op) => op,
  defaultTransactionMode: 'all',
  ddlCommitsImplicitly: false,
  begin: async (runner) => void (await runner.execute('BEGIN')),
  deployLock: (runner, name, timeoutMs, onWait) => new PostgresAdvisoryLock(runner, name, timeoutMs, onWait),
  switchesForeignKeysOff: false,
  runStatements: runAsOneQuery,
  hasSchemas: true,
  tableExistsQuery: postgresTableExistsQuery,
  longTextType: 'TEXT',
  utcNowText: `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  checkConditions: { quoting: { bracketNames: false }, rewritesLikeMariaDb: false },
  introspect: introspectPostgres,
  schema: {
    hasComments: true,
    enumStyle: 'type',
    hasPartialIndexes: true,
    hasOnUpdate: false,
    uniqueConstraintsAreIndexes: false,
    indexesForeignKeys: false,
    restatesColumns: false,
    castsWithUsing: true,
    fillsNewNotNullColumns: false,
    defaultFractionalDigits: 6,
    hasTwoPhaseCommit: true,
    normalizeType: normalizePostgresType,
    reportedType: (normalized) => normalized,
  },
  entityTypes: {
    spellings: { float: 'float', real: 'real' },
    autoincrementType: undefined,
    objectType: 'jsonb',
    hasUuidType: true,
    generatedUuidLength: '',
    uuidDefault: 'gen_random_uuid()',
    hasArrays: true,
    hasUnsigned: false,
    defaultVarcharLength: '',
    defaultCharLength: '1',
    hasFractionalSeconds: true,
    booleanDefault: (value) => String(value),
  },
} satisfies DatabaseDialect;
