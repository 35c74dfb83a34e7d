import type { DataSource, QueryRunner } from 'typeorm';
import type { MigrationConfig } from '../config/migration-config';
import { resolveConfig, ResolvedConfig } from '../config/resolve-config';
import { NO_LOCK } from '../dialects/deploy-lock';
import { dialectFor } from '../dialects/registry';
import type { Dialect } from '../operations/migration-ops';
import { NamingConvention, resolveNamingConvention, TypeormConstraintNaming } from '../operations/naming-convention';
import { PACKAGE } from '../package-info';
import { AppliedLog } from '../runtime/applied-log';
import { dialectOf, openDatabase } from '../runtime/database';
import { MigrationContext } from '../runtime/migration-context';
import { Operations } from '../runtime/operations';
import { RunJournal } from '../runtime/run-journal';
import { useSchema } from '../runtime/search-path';
import type { DatabaseAccess } from '../runtime/sqlite-file';
import { revisionFileChecksum } from '../runtime/revision-loader';
import { OfflineSqlEmitter, OnlineSqlEmitter, SqlEmitter } from '../runtime/sql-emitter';
import { VersionTable } from '../runtime/version-table';
import { NodeFileSystem } from '../script/node-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { Output } from './output';
import { scriptDirectory } from './script-directory';

/** What a database command works with, opened for one command and closed after it. */
export interface Environment {
  script: ScriptDirectory;
  dialect: Dialect;
  versionTable: VersionTable;
  /** The applied log beside the version table (when each revision ran, and its file's checksum). */
  appliedLog: AppliedLog;
  context: MigrationContext;
  /** Online only: the connection, for commands that read the schema (autogenerate). */
  connection?: { dataSource: DataSource; runner: QueryRunner };
}

/** The ports of a Node process, which a configuration may replace (a `MemoryFileSystem` in tests). */
const NODE_PORTS = { fs: () => new NodeFileSystem() };

/** `config` complete, as every command receives it: `resolveConfig` with the Node ports as defaults. */
export function resolve(config: MigrationConfig): ResolvedConfig {
  return resolveConfig(config, NODE_PORTS);
}

/**
 * The configuration's naming convention. For `'typeorm'`, the DataSource's naming strategy, or
 * TypeORM's default one when there is no DataSource (`--sql` from a URL); TypeORM is loaded
 * only then, so other offline commands start without it.
 */
export function namingConventionOf(config: MigrationConfig, dataSource: DataSource | undefined): NamingConvention {
  return resolveNamingConvention(config.namingConvention, (): TypeormConstraintNaming => {
    if (dataSource) return dataSource.namingStrategy;
    const typeorm = require('typeorm') as typeof import('typeorm');
    return new typeorm.DefaultNamingStrategy();
  });
}

/** The run journal beside the version table: same schema, same id width. */
function journalFor(emitter: SqlEmitter, versionTable: VersionTable): RunJournal {
  return new RunJournal(emitter, {
    tableName: versionTable.journalTableName,
    schema: versionTable.schema,
    columnWidth: versionTable.columnWidth,
  });
}

/** The applied log beside the version table, likewise. */
function appliedLogFor(emitter: SqlEmitter, versionTable: VersionTable): AppliedLog {
  return new AppliedLog(emitter, {
    tableName: versionTable.logTableName,
    schema: versionTable.schema,
    columnWidth: versionTable.columnWidth,
  });
}

/** What every MigrationContext of a command shares: its output, the log, the files' checksums. */
function contextParts(config: ResolvedConfig, output: Output, emitter: SqlEmitter, versionTable: VersionTable) {
  const { fs } = config;
  const appliedLog = appliedLogFor(emitter, versionTable);
  return {
    appliedLog,
    context: {
      journal: journalFor(emitter, versionTable),
      appliedLog,
      checksumOf: (path: string) => revisionFileChecksum(path, fs),
      toolVersion: PACKAGE.version,
      log: (line: string) => output.info(line),
      ...(output.stepStarted
        ? { progress: { started: (line: string) => output.stepStarted?.(line), ended: (ms: number | undefined) => output.stepEnded?.(ms) } }
        : {}),
      database: config.databaseName,
      fs: config.fs,
    },
  };
}

/**
 * Opens what a command needs, runs `fn`, and closes it again. Online it connects (and only
 * then: graph commands never get here); with `offline` it only learns the dialect, so `--sql`
 * works with the server down, and the script goes to `output.sql`. With `access: 'read'` a
 * SQLite file that does not exist is an error, not a new database.
 */
export async function withEnvironment<T>(
  config: ResolvedConfig,
  options: { offline: boolean; output: Output; script?: ScriptDirectory; access?: DatabaseAccess },
  fn: (env: Environment) => Promise<T>,
): Promise<T> {
  const { output } = options;
  const script = options.script ?? scriptDirectory(config, output);
  const { lockTimeoutMs: timeoutMs, xArguments } = config;
  // A tenant's schema holds its own version table, so its history and its lock are its own.
  const versionTableOptions = config.schema === undefined ? config.versionTable : { ...config.versionTable, schema: config.schema };
  if (options.offline) {
    const namingConvention = namingConventionOf(config, 'dataSource' in config.database ? config.database.dataSource : undefined);
    const dialect = dialectOf(config.database);
    const emitter = new OfflineSqlEmitter(dialect, (text) => output.sql(text));
    const versionTable = new VersionTable(emitter, versionTableOptions);
    const ops = new Operations(emitter, undefined, xArguments, namingConvention, config.resolveProvider);
    const mode = config.transactionMode ?? dialectFor(dialect).defaultTransactionMode;
    const parts = contextParts(config, output, emitter, versionTable);
    const context = new MigrationContext({ ...parts.context, emitter, versionTable, ops, lock: NO_LOCK, mode, lockTimeoutMs: timeoutMs });
    return fn({ script, dialect, versionTable, appliedLog: parts.appliedLog, context });
  }

  const database = await openDatabase(config.database, timeoutMs, options.access);
  try {
    const { dataSource, dialect } = database;
    const namingConvention = namingConventionOf(config, dataSource);
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    let restoreSearchPath: (() => Promise<void>) | undefined;
    try {
      if (config.schema !== undefined) restoreSearchPath = await useSchema(runner, dialect, config.schema);
      const emitter = new OnlineSqlEmitter(runner, dialect, output.statement && ((sql) => output.statement?.(sql)));
      const versionTable = new VersionTable(emitter, versionTableOptions);
      const ops = new Operations(emitter, runner, xArguments, namingConvention, config.resolveProvider);
      // The lock lives on the connection that runs the migration (see DeployLock).
      const parts = contextParts(config, output, emitter, versionTable);
      const lock = dialectFor(dialect).deployLock(runner, versionTable.displayName, timeoutMs, parts.context.log);
      const mode = config.transactionMode ?? dialectFor(dialect).defaultTransactionMode;
      const context = new MigrationContext({ ...parts.context, emitter, versionTable, ops, lock, mode, lockTimeoutMs: timeoutMs });
      return await fn({ script, dialect, versionTable, appliedLog: parts.appliedLog, context, connection: { dataSource, runner } });
    } finally {
      try {
        await restoreSearchPath?.();
      } finally {
        await runner.release();
      }
    }
  } finally {
    await database.close();
  }
}
