import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_LOCK_TIMEOUT_MS, MigrationConfig } from '../config/migration-config';
import { NO_LOCK } from '../dialects/deploy-lock';
import { dialectFor } from '../dialects/registry';
import type { Dialect } from '../operations/migration-ops';
import { NamingConvention, resolveNamingConvention, TypeormConstraintNaming } from '../operations/naming-convention';
import { dialectOf, openDatabase } from '../runtime/database';
import { MigrationContext } from '../runtime/migration-context';
import { Operations } from '../runtime/operations';
import { RunJournal } from '../runtime/run-journal';
import type { DatabaseAccess } from '../runtime/sqlite-file';
import { OfflineSqlEmitter, OnlineSqlEmitter, SqlEmitter } from '../runtime/sql-emitter';
import { VersionTable } from '../runtime/version-table';
import { NodeFileSystem } from '../script/node-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { Output, SILENT_OUTPUT } from './output';

/** What a database command works with, opened for one command and closed after it. */
export interface Environment {
  script: ScriptDirectory;
  dialect: Dialect;
  versionTable: VersionTable;
  context: MigrationContext;
  /** Online only: the connection, for commands that read the schema (autogenerate). */
  connection?: { dataSource: DataSource; runner: QueryRunner };
}

/** The migrations directory of a configuration, checked to exist. */
export function scriptDirectory(config: Pick<MigrationConfig, 'directory' | 'versionLocations' | 'fs'>, output: Output = SILENT_OUTPUT): ScriptDirectory {
  return new ScriptDirectory({
    directory: config.directory,
    versionLocations: config.versionLocations,
    fs: config.fs ?? new NodeFileSystem(),
    warn: (line) => output.warn(line),
  }).assertExists();
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
  return new RunJournal(emitter, { tableName: versionTable.journalTableName, schema: versionTable.schema, columnWidth: versionTable.columnWidth });
}

/**
 * Opens what a command needs, runs `fn`, and closes it again. Online it connects (and only
 * then: graph commands never get here); with `offline` it only learns the dialect, so `--sql`
 * works with the server down, and the script goes to `output.sql`. With `access: 'read'` a
 * SQLite file that does not exist is an error, not a new database.
 */
export async function withEnvironment<T>(
  config: MigrationConfig,
  options: { offline: boolean; output: Output; script?: ScriptDirectory; access?: DatabaseAccess },
  fn: (env: Environment) => Promise<T>,
): Promise<T> {
  const { output } = options;
  const script = options.script ?? scriptDirectory(config, output);
  const timeoutMs = config.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const xArguments = config.xArguments ?? {};
  const log = (line: string) => output.info(line);
  if (options.offline) {
    const namingConvention = namingConventionOf(config, 'dataSource' in config.database ? config.database.dataSource : undefined);
    const dialect = dialectOf(config.database);
    const emitter = new OfflineSqlEmitter(dialect, (text) => output.sql(text));
    const versionTable = new VersionTable(emitter, config.versionTable);
    const ops = new Operations(emitter, undefined, xArguments, namingConvention);
    const journal = journalFor(emitter, versionTable);
    const mode = config.transactionMode ?? dialectFor(dialect).defaultTransactionMode;
    const context = new MigrationContext({ emitter, versionTable, ops, lock: NO_LOCK, journal, mode, lockTimeoutMs: timeoutMs, log, database: config.databaseName, fs: config.fs });
    return fn({ script, dialect, versionTable, context });
  }

  const database = await openDatabase(config.database, timeoutMs, options.access);
  try {
    const { dataSource, dialect } = database;
    const namingConvention = namingConventionOf(config, dataSource);
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      const emitter = new OnlineSqlEmitter(runner, dialect);
      const versionTable = new VersionTable(emitter, config.versionTable);
      const ops = new Operations(emitter, runner, xArguments, namingConvention);
      // The lock lives on the connection that runs the migration (see DeployLock).
      const lock = dialectFor(dialect).deployLock(runner, versionTable.displayName, timeoutMs, log);
      const journal = journalFor(emitter, versionTable);
      const mode = config.transactionMode ?? dialectFor(dialect).defaultTransactionMode;
      const context = new MigrationContext({ emitter, versionTable, ops, lock, journal, mode, lockTimeoutMs: timeoutMs, log, database: config.databaseName, fs: config.fs });
      return await fn({ script, dialect, versionTable, context, connection: { dataSource, runner } });
    } finally {
      await runner.release();
    }
  } finally {
    await database.close();
  }
}
