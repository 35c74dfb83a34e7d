import type { QueryRunner } from 'typeorm';
import { MigrationError } from '../errors';
import { BatchAlterTableOp, BatchAlterTableOptions, BatchOperations, BatchRecorder } from '../operations/batch-ops';
import { AddColumnOp, AlterColumnOp, AlterColumnOptions, DropColumnOp } from '../operations/column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
  DropConstraintOptions,
  ForeignKeyOptions,
} from '../operations/constraint-ops';
import { dialectFor } from '../dialects/registry';
import type { DdlImpl, QueryRows, Statement } from '../operations/ddl-impl';
import { batchTableRecreate, renderBatch, renderOperation } from '../operations/dispatch';
import { AddEnumValueOp, AddEnumValueOptions, CreateEnumTypeOp, DropEnumTypeOp } from '../operations/enum-ops';
import { CreateIndexOp, CreateIndexOptions, DropIndexOp } from '../operations/index-ops';
import type { MigrateOperation } from '../operations/migrate-operation';
import type { Dialect, MigrationOps } from '../operations/migration-ops';
import { DEFAULT_NAMING_CONVENTION, NamingConvention } from '../operations/naming-convention';
import { ProviderToken, ResolveProvider, tokenName } from '../operations/provider-token';
import { Column, f, FinalName, IndexDefinition, ObjectName, SqlText, TableElement } from '../operations/schema-objects';
import { BulkInsertOp, ExecuteSQLOp } from '../operations/sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp, TableOptions } from '../operations/table-ops';
import { OpTracker, TrackedRevision } from './op-tracker';
import type { StatementJournal } from './run-journal';
import { quoteIdentifier, renderLiteral, renderStatement, SqlEmitter } from './sql-emitter';
import { SqliteForeignKeys } from './sqlite-foreign-keys';

/** The savepoint a recreate runs in. */
const BATCH_SAVEPOINT = 'nest_migrate_batch';

/**
 * The `op` a revision receives. Each method builds an op object and runs it: the dispatcher
 * renders it for the dialect and every statement goes through the run's `SqlEmitter`, so the
 * same revision code runs online or writes `--sql`. It remembers what the current revision
 * has executed, for the report when a revision fails half-way on a database that cannot roll
 * its DDL back.
 */
export class Operations implements MigrationOps {
  // Rendered only if a report needs them: rendering parses each statement for placeholders.
  private executed: { sql: string; params: readonly unknown[]; entry?: number }[] = [];
  private readonly impl: DdlImpl;
  /** SQLite's foreign-key switch and check, which the run's transactions use too. */
  readonly foreignKeys: SqliteForeignKeys;
  private readonly tracker = new OpTracker();
  private journal?: StatementJournal;

  constructor(
    private readonly emitter: SqlEmitter,
    readonly queryRunner: QueryRunner | undefined,
    private readonly xArguments: Readonly<Record<string, string>>,
    namingConvention: NamingConvention = DEFAULT_NAMING_CONVENTION,
    private readonly resolveProvider?: ResolveProvider,
  ) {
    const dialect = emitter.dialect;
    this.foreignKeys = new SqliteForeignKeys(emitter);
    this.impl = dialectFor(dialect).ddl({
      quoteIdentifier: (name) => quoteIdentifier(dialect, name),
      renderLiteral: (value) => renderLiteral(dialect, value),
      namingConvention,
    });
  }

  get dialect(): Dialect {
    return this.emitter.dialect;
  }

  get isOffline(): boolean {
    return this.emitter.isOffline;
  }

  getXArgument(name: string): string | undefined {
    return this.xArguments[name];
  }

  get<T>(token: ProviderToken<T>): T {
    const name = tokenName(token);
    if (!this.resolveProvider) {
      throw new MigrationError(
        `op.get(${name}) needs the Nest app's providers; run this revision through MigrationModule (the app's CLI or the Migrate service)`,
      );
    }
    try {
      return this.resolveProvider(token) as T;
    } catch (error) {
      // The port's own one-line refusals stand; anything else means the app has no such provider.
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(
        `op.get(${name}): the Nest app has no provider ${name}; add it to the providers of a module the app imports`,
        {
          cause: error,
        },
      );
    }
  }

  invoke(operation: MigrateOperation): Promise<void> {
    return this.call('invoke', operation);
  }

  /**
   * Adds `op.<name>(...args)`: builds an op with `build(...args)` and runs it like the built-in
   * methods (see `registerOperation`).
   * @throws MigrationError when `op` already has a member of that name
   */
  static addOperation(name: string, build: (...args: unknown[]) => MigrateOperation): void {
    if (name in Operations.prototype) throw new MigrationError(`op.${name} already exists; register the operation under another name`);
    Object.defineProperty(Operations.prototype, name, {
      value(this: Operations, ...args: unknown[]): Promise<void> {
        return this.call(name, build(...args));
      },
    });
  }

  /** One op call of the revision: tracked, so the run waits for it and knows whether the revision did. */
  private call(method: string, operation: MigrateOperation): Promise<void> {
    return this.tracker.track(method, () => this.perform(operation));
  }

  /** Carries out one op: its statements, through the emitter. */
  protected async perform(operation: MigrateOperation): Promise<void> {
    if (operation instanceof BatchAlterTableOp) return this.runBatch(operation);
    await this.run(renderOperation(this.impl, await this.withLiveColumn(operation)));
  }

  /** Online, an `alterColumn` completed from the live column where the dialect re-states whole columns (MySQL). */
  private async withLiveColumn(op: MigrateOperation): Promise<MigrateOperation> {
    if (!(op instanceof AlterColumnOp) || this.isOffline) return op;
    return dialectFor(this.dialect).withLiveColumn(op, this.readRows);
  }

  /** Reads go to the emitter directly: they are not part of what the revision executed. */
  private readonly readRows: QueryRows = async (sql) => (await this.emitter.execute(sql)).rows as Record<string, unknown>[];

  private async run(statements: readonly { sql: string; params?: readonly unknown[] }[]): Promise<void> {
    for (const { sql, params = [] } of statements) {
      // The journal learns of a statement before it runs and once it has completed (see RunJournal).
      const entry = await this.journal?.before(journalText(this.emitter.dialect, sql, params));
      try {
        await this.emitter.execute(sql, params);
      } catch (error) {
        if (entry !== undefined) this.journal?.failed(entry);
        throw error;
      }
      if (entry !== undefined) await this.journal?.completed(entry);
      this.executed.push({ sql, params, entry });
    }
  }

  batchAlterTable(
    tableName: string,
    build: (batch: BatchOperations) => void | Promise<void>,
    options: BatchAlterTableOptions = {},
  ): Promise<void> {
    return this.tracker.track('batchAlterTable', async () => {
      const recorder = new BatchRecorder(tableName, options.schema);
      await build(recorder);
      await this.perform(new BatchAlterTableOp(tableName, recorder.operations, options));
    });
  }

  /**
   * A batch: online on SQLite, a recreate reads the live table first (unless given `copyFrom`).
   * The reads go to the emitter directly: they are not part of what the revision executed.
   */
  private async runBatch(op: BatchAlterTableOp): Promise<void> {
    const recreate = batchTableRecreate(this.impl, op);
    let table = op.options.copyFrom;
    const read = !table && !this.isOffline && recreate !== undefined;
    if (read) table = await recreate.readTable(this.readRows, op.tableName);
    if (recreate) return this.recreate(`batchAlterTable('${op.tableName}')`, renderBatch(this.impl, op, table, read));
    // One child at a time, so that one reading its live column sees the changes of those before it.
    for (const child of op.ops) {
      await this.run(
        renderBatch(this.impl, new BatchAlterTableOp(op.tableName, [await this.withLiveColumn(child)], op.options), undefined),
      );
    }
  }

  /**
   * A recreate, in a savepoint so that it is all or nothing even outside a transaction. Inside
   * the run's transaction foreign keys are already off and checked at COMMIT (SqliteForeignKeys);
   * outside one the recreate turns them off around its savepoint and checks them before RELEASE.
   */
  private async recreate(what: string, statements: readonly Statement[]): Promise<void> {
    const outside = !this.foreignKeys.areOff;
    if (outside) await this.foreignKeys.turnOff(what);
    const ranBefore = this.executed.length;
    try {
      await this.run([{ sql: `SAVEPOINT ${BATCH_SAVEPOINT}` }]);
      if (outside) await this.foreignKeys.recordBaseline();
      await this.run(statements);
      if (outside) await this.foreignKeys.check(what);
      await this.run([{ sql: `RELEASE ${BATCH_SAVEPOINT}` }]);
    } catch (error) {
      // Online, undo a recreate that failed half-way, so a revision run outside a transaction is not left with it
      // open; once undone, its statements are no longer among those that stay applied.
      if (!this.isOffline && this.executed.length > ranBefore) {
        try {
          await this.emitter.execute(`ROLLBACK TO ${BATCH_SAVEPOINT}`);
          await this.emitter.execute(`RELEASE ${BATCH_SAVEPOINT}`);
          for (const { entry } of this.executed.splice(ranBefore)) if (entry !== undefined) this.journal?.failed(entry);
        } catch {
          // The connection may be gone with the error being reported; that error is the one to show.
        }
      }
      throw error;
    } finally {
      if (outside) await this.restoreForeignKeys();
    }
  }

  private async restoreForeignKeys(): Promise<void> {
    try {
      await this.foreignKeys.restore();
    } catch {
      // Only when the connection is gone, and then with the error being reported.
    }
  }

  execute(sql: string, params: readonly unknown[] = []): Promise<void> {
    return this.call('execute', new ExecuteSQLOp(sql, params));
  }

  createTable(tableName: string, elements: readonly TableElement[], options: TableOptions & { comment?: string } = {}): Promise<void> {
    return this.call('createTable', new CreateTableOp(tableName, elements, options));
  }

  dropTable(
    tableName: string,
    options: TableOptions & { existingElements?: readonly TableElement[]; existingComment?: string } = {},
  ): Promise<void> {
    return this.call('dropTable', new DropTableOp(tableName, options));
  }

  renameTable(oldTableName: string, newTableName: string, options: TableOptions = {}): Promise<void> {
    return this.call('renameTable', new RenameTableOp(oldTableName, newTableName, options));
  }

  createTableComment(tableName: string, comment: string, options: TableOptions & { existingComment?: string } = {}): Promise<void> {
    return this.call('createTableComment', new CreateTableCommentOp(tableName, comment, options));
  }

  dropTableComment(tableName: string, options: TableOptions & { existingComment?: string } = {}): Promise<void> {
    return this.call('dropTableComment', new DropTableCommentOp(tableName, options));
  }

  addColumn(tableName: string, column: Column, options: TableOptions = {}): Promise<void> {
    return this.call('addColumn', new AddColumnOp(tableName, column, options));
  }

  dropColumn(tableName: string, columnName: string, options: TableOptions & { existingColumn?: Column } = {}): Promise<void> {
    return this.call('dropColumn', new DropColumnOp(tableName, columnName, options));
  }

  alterColumn(tableName: string, columnName: string, options: AlterColumnOptions): Promise<void> {
    return this.call('alterColumn', new AlterColumnOp(tableName, columnName, options));
  }

  createPrimaryKey(name: ObjectName, tableName: string, columns: readonly string[], options: TableOptions = {}): Promise<void> {
    return this.call('createPrimaryKey', new CreatePrimaryKeyOp(name, tableName, columns, options));
  }

  createForeignKey(
    name: ObjectName,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): Promise<void> {
    return this.call('createForeignKey', new CreateForeignKeyOp(name, sourceTable, referentTable, localColumns, remoteColumns, options));
  }

  createUniqueConstraint(name: ObjectName, tableName: string, columns: readonly string[], options: TableOptions = {}): Promise<void> {
    return this.call('createUniqueConstraint', new CreateUniqueConstraintOp(name, tableName, columns, options));
  }

  createCheckConstraint(name: ObjectName, tableName: string, condition: string, options: TableOptions = {}): Promise<void> {
    return this.call('createCheckConstraint', new CreateCheckConstraintOp(name, tableName, condition, options));
  }

  dropConstraint(name: string, tableName: string, options: DropConstraintOptions = {}): Promise<void> {
    return this.call('dropConstraint', new DropConstraintOp(name, tableName, options));
  }

  createIndex(
    name: ObjectName,
    tableName: string,
    columns: readonly (string | SqlText)[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    return this.call('createIndex', new CreateIndexOp(name, tableName, columns, options));
  }

  dropIndex(
    name: string,
    tableName?: string,
    options: TableOptions & { existing?: IndexDefinition; concurrently?: boolean } = {},
  ): Promise<void> {
    return this.call('dropIndex', new DropIndexOp(name, tableName, options));
  }

  createEnumType(name: string, values: readonly string[], options: TableOptions = {}): Promise<void> {
    return this.call('createEnumType', new CreateEnumTypeOp(name, values, options));
  }

  dropEnumType(name: string, options: TableOptions & { existingValues?: readonly string[] } = {}): Promise<void> {
    return this.call('dropEnumType', new DropEnumTypeOp(name, options));
  }

  addEnumValue(name: string, value: string, options: AddEnumValueOptions = {}): Promise<void> {
    return this.call('addEnumValue', new AddEnumValueOp(name, value, options));
  }

  bulkInsert(tableName: string, rows: readonly Readonly<Record<string, unknown>>[], options: TableOptions = {}): Promise<void> {
    return this.call('bulkInsert', new BulkInsertOp(tableName, rows, options));
  }

  inlineLiteral(value: unknown): string {
    return this.impl.literal(value);
  }

  f(name: string): FinalName {
    return f(name);
  }

  /**
   * Starts a revision's function: forgets what the previous one executed, and tracks every op
   * call from now on.
   * @param journal where each statement is recorded before it runs, for a step the database
   *   cannot roll back (see RunJournal)
   */
  startRevision(revision: TrackedRevision, journal?: StatementJournal): void {
    this.executed = [];
    this.journal = journal;
    this.tracker.start(revision);
  }

  /**
   * Ends the revision's function: waits for every op call it made, and answers the error that
   * fails the revision (an op call not awaited, or the function's own error), if any.
   */
  async finishRevision(outcome: { error?: unknown; failed: boolean }): Promise<{ error: unknown } | undefined> {
    try {
      return await this.tracker.finish(outcome);
    } finally {
      this.journal = undefined;
    }
  }

  /** The statements the current revision has run successfully so far. */
  get statements(): string[] {
    return this.executed.map(({ sql, params }) => renderStatement(this.emitter.dialect, sql, params));
  }
}

/** A statement as the journal keeps it: parameters inlined where they can be, else counted. */
function journalText(dialect: Dialect, sql: string, params: readonly unknown[]): string {
  try {
    return renderStatement(dialect, sql, params);
  } catch {
    return `${sql.trim()} -- with ${params.length} parameter(s)`;
  }
}
