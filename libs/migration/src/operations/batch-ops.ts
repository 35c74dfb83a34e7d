import { AddColumnOp, AlterColumnOp, AlterColumnOptions, DropColumnOp } from './column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
  DropConstraintOptions,
  ForeignKeyOptions,
} from './constraint-ops';
import { CreateIndexOp, CreateIndexOptions, DropIndexOp } from './index-ops';
import { MigrateOperation } from './migrate-operation';
import type { NamingConvention } from './naming-convention';
import type { Column, IndexDefinition, ObjectName, SqlText, TableConstraint, TableDefinition } from './schema-objects';
import type { TableOptions } from './table-ops';

/**
 * How `batchAlterTable` changes a table (Alembic's `batch_alter_table` arguments). Only SQLite
 * ever recreates the table; on PostgreSQL and MySQL the batch's ops run as plain ALTERs and
 * `recreate`, `copyFrom`, `tableArgs` and `partialReordering` are ignored, so one revision
 * serves every dialect.
 */
export interface BatchAlterTableOptions extends TableOptions {
  /**
   * SQLite only. `auto` (default): plain ALTERs when every change allows them (add a column,
   * rename a column, create or drop an index), else "move and copy" the table. `always`: move
   * and copy. `never`: plain ALTERs, and an error for a change that needs the table recreated.
   */
  recreate?: 'auto' | 'always' | 'never';
  /**
   * The table as it is before the batch, used instead of reading it from the database. Needed
   * under `--sql` on SQLite when the table is recreated, since nothing can be read offline.
   */
  copyFrom?: TableDefinition;
  /**
   * Constraints and indexes laid over the table that is read (or given as `copyFrom`) before the
   * batch's changes. One with the name of an element the table has replaces it; a named one with
   * the definition of an unnamed constraint replaces that one, which gives it a name (SQLite keeps
   * most constraints unnamed); any other is added.
   */
  tableArgs?: readonly (TableConstraint | IndexDefinition)[];
  /**
   * Templates over the run's naming convention for this batch's constraints and indexes, on every
   * dialect. On SQLite a recreate also names each unnamed constraint the table has of a kind
   * given here, so that it can be dropped or changed by that name (Alembic's recipe for unnamed
   * constraints); an unnamed check's `%(column_0_name)s` is the first column its condition names.
   */
  namingConvention?: NamingConvention;
  /**
   * Column orders to respect when the table is recreated: each entry lists column names in the
   * order they must appear in (Alembic's `partial_reordering`); other columns keep their place.
   */
  partialReordering?: readonly (readonly string[])[];
}

/**
 * A group of changes to one table (Alembic's BatchAlterTableOp): on SQLite, carried out by
 * recreating the table when ALTER cannot do them. Its child ops are ordinary table ops.
 *
 * Autogenerate may later render table changes as such a batch (Alembic's `render_as_batch`
 * configuration option, planned here as `renderAsBatch`): rendering needs nothing beyond this
 * class and its children.
 */
export class BatchAlterTableOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly ops: readonly MigrateOperation[],
    readonly options: BatchAlterTableOptions = {},
  ) {
    super();
  }

  /**
   * The children reversed, last first, named by the same convention. `copyFrom` (the table before
   * the batch) does not describe the table the reverse starts from, so it is dropped: a reversed
   * batch that recreates a table under `--sql` needs its own.
   */
  reverse(): BatchAlterTableOp {
    const { recreate, schema, namingConvention } = this.options;
    const ops = [...this.ops].reverse().map((op) => op.reverse());
    return new BatchAlterTableOp(this.tableName, ops, {
      ...(recreate ? { recreate } : {}),
      ...(schema === undefined ? {} : { schema }),
      ...(namingConvention === undefined ? {} : { namingConvention }),
    });
  }
}

/**
 * What the `batchAlterTable` callback receives: the table-scoped ops, with the same arguments as
 * on `op` minus the table. Each call records an op; the batch runs them all when the callback
 * returns.
 */
export interface BatchOperations {
  readonly tableName: string;
  addColumn(column: Column): Promise<void>;
  dropColumn(columnName: string, options?: { existingColumn?: Column }): Promise<void>;
  alterColumn(columnName: string, options: Omit<AlterColumnOptions, 'schema'>): Promise<void>;
  createPrimaryKey(name: ObjectName, columns: readonly string[]): Promise<void>;
  createForeignKey(
    name: ObjectName,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options?: Omit<ForeignKeyOptions, 'sourceSchema'>,
  ): Promise<void>;
  createUniqueConstraint(name: ObjectName, columns: readonly string[]): Promise<void>;
  createCheckConstraint(name: ObjectName, condition: string): Promise<void>;
  dropConstraint(name: string, options?: Omit<DropConstraintOptions, 'schema'>): Promise<void>;
  createIndex(name: ObjectName, columns: readonly (string | SqlText)[], options?: Omit<CreateIndexOptions, 'schema'>): Promise<void>;
  dropIndex(name: string, options?: { existing?: IndexDefinition }): Promise<void>;
}

/** Records the ops of one batch, the table and schema filled in. */
export class BatchRecorder implements BatchOperations {
  readonly operations: MigrateOperation[] = [];
  private readonly table: TableOptions;

  constructor(
    readonly tableName: string,
    schema?: string,
  ) {
    this.table = schema === undefined ? {} : { schema };
  }

  addColumn(column: Column): Promise<void> {
    return this.record(new AddColumnOp(this.tableName, column, this.table));
  }

  dropColumn(columnName: string, options: { existingColumn?: Column } = {}): Promise<void> {
    return this.record(new DropColumnOp(this.tableName, columnName, { ...options, ...this.table }));
  }

  alterColumn(columnName: string, options: Omit<AlterColumnOptions, 'schema'>): Promise<void> {
    return this.record(new AlterColumnOp(this.tableName, columnName, { ...options, ...this.table }));
  }

  createPrimaryKey(name: ObjectName, columns: readonly string[]): Promise<void> {
    return this.record(new CreatePrimaryKeyOp(name, this.tableName, columns, this.table));
  }

  createForeignKey(
    name: ObjectName,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: Omit<ForeignKeyOptions, 'sourceSchema'> = {},
  ): Promise<void> {
    const sourceSchema = this.table.schema === undefined ? {} : { sourceSchema: this.table.schema };
    return this.record(
      new CreateForeignKeyOp(name, this.tableName, referentTable, localColumns, remoteColumns, { ...options, ...sourceSchema }),
    );
  }

  createUniqueConstraint(name: ObjectName, columns: readonly string[]): Promise<void> {
    return this.record(new CreateUniqueConstraintOp(name, this.tableName, columns, this.table));
  }

  createCheckConstraint(name: ObjectName, condition: string): Promise<void> {
    return this.record(new CreateCheckConstraintOp(name, this.tableName, condition, this.table));
  }

  dropConstraint(name: string, options: Omit<DropConstraintOptions, 'schema'> = {}): Promise<void> {
    return this.record(new DropConstraintOp(name, this.tableName, { ...options, ...this.table }));
  }

  createIndex(name: ObjectName, columns: readonly (string | SqlText)[], options: Omit<CreateIndexOptions, 'schema'> = {}): Promise<void> {
    return this.record(new CreateIndexOp(name, this.tableName, columns, { ...options, ...this.table }));
  }

  dropIndex(name: string, options: { existing?: IndexDefinition } = {}): Promise<void> {
    return this.record(new DropIndexOp(name, this.tableName, { ...options, ...this.table }));
  }

  private record(op: MigrateOperation): Promise<void> {
    this.operations.push(op);
    return Promise.resolve();
  }
}
