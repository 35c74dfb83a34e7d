import type { QueryRunner } from 'typeorm';
import type { BatchAlterTableOptions, BatchOperations } from './batch-ops';
import type { AlterColumnOptions } from './column-ops';
import type { DropConstraintOptions, ForeignKeyOptions } from './constraint-ops';
import type { AddEnumValueOptions } from './enum-ops';
import type { CreateIndexOptions } from './index-ops';
import type { MigrateOperation } from './migrate-operation';
import type { ProviderToken } from './provider-token';
import type { Column, FinalName, IndexDefinition, ObjectName, SqlText, TableElement } from './schema-objects';
import type { TableOptions } from './table-ops';

/** The SQL dialects nest-migrate runs revisions on. */
export type Dialect = 'sqlite' | 'postgres' | 'mysql';

/**
 * What a revision's `upgrade(op)` / `downgrade(op)` receive: the contract revision files are
 * written against. Statements go to the database online, or into the script with `--sql`.
 * Each schema method builds an op object and runs it; `schema` options are PostgreSQL only.
 */
export interface MigrationOps {
  /** Runs one SQL statement (or, offline, writes it to the script). */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
  /** The dialect the revision runs on, for the rare statement that must differ. */
  readonly dialect: Dialect;
  /** True under `--sql`: nothing can be read back from the database. */
  readonly isOffline: boolean;
  /** The TypeORM query runner of the migration's connection; undefined offline. */
  readonly queryRunner: QueryRunner | undefined;
  /** The value of `-x name=value` on the command line, if given. */
  getXArgument(name: string): string | undefined;
  /**
   * A provider of the Nest app (`op.get(UsersService)`), so a data migration can reuse the app's
   * code. Only in a run through `MigrationModule` (the app's CLI or the `Migrate` service); under
   * `--sql` the service must write through `op`, since nothing can be read back.
   */
  get<T>(token: ProviderToken<T>): T;

  /** Runs an op object, such as another op's `reverse()`. */
  invoke(operation: MigrateOperation): Promise<void>;
  /** CREATE TABLE from columns, constraints (`primaryKey`, `foreignKey`, `unique`, `check`) and `index(...)` entries. */
  createTable(tableName: string, elements: readonly TableElement[], options?: TableOptions & { comment?: string }): Promise<void>;
  /** DROP TABLE; `existingElements` only matter to `reverse()`. */
  dropTable(
    tableName: string,
    options?: TableOptions & { existingElements?: readonly TableElement[]; existingComment?: string },
  ): Promise<void>;
  renameTable(oldTableName: string, newTableName: string, options?: TableOptions): Promise<void>;
  createTableComment(tableName: string, comment: string, options?: TableOptions & { existingComment?: string }): Promise<void>;
  dropTableComment(tableName: string, options?: TableOptions & { existingComment?: string }): Promise<void>;
  addColumn(tableName: string, column: Column, options?: TableOptions): Promise<void>;
  dropColumn(tableName: string, columnName: string, options?: TableOptions & { existingColumn?: Column }): Promise<void>;
  /** Changes a column; MySQL needs `existingType`/`existingNullable` for what is not changed. */
  alterColumn(tableName: string, columnName: string, options: AlterColumnOptions): Promise<void>;
  /** `name` null: named by the naming convention. */
  createPrimaryKey(name: ObjectName, tableName: string, columns: readonly string[], options?: TableOptions): Promise<void>;
  createForeignKey(
    name: ObjectName,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options?: ForeignKeyOptions,
  ): Promise<void>;
  createUniqueConstraint(name: ObjectName, tableName: string, columns: readonly string[], options?: TableOptions): Promise<void>;
  createCheckConstraint(name: ObjectName, tableName: string, condition: string, options?: TableOptions): Promise<void>;
  /** Drops a constraint by its name, used as written. MySQL needs `type` (or `existing`) for all but checks. */
  dropConstraint(name: string, tableName: string, options?: DropConstraintOptions): Promise<void>;
  createIndex(name: ObjectName, tableName: string, columns: readonly (string | SqlText)[], options?: CreateIndexOptions): Promise<void>;
  /** Drops an index by its name; MySQL needs its table. */
  dropIndex(
    name: string,
    tableName?: string,
    options?: TableOptions & { existing?: IndexDefinition; concurrently?: boolean },
  ): Promise<void>;
  /**
   * Changes one table through `batch` (Alembic's `batch_alter_table`). The callback records
   * table ops (`batch.addColumn(...)`, `batch.alterColumn(...)` ...); when it returns they run.
   * On SQLite, changes ALTER TABLE cannot make recreate the table ("move and copy"), keeping
   * its rows, indexes, constraints and the foreign keys of other tables into it; with `--sql`
   * that needs `copyFrom`. On PostgreSQL and MySQL the same ops run as plain ALTERs.
   */
  batchAlterTable(
    tableName: string,
    build: (batch: BatchOperations) => void | Promise<void>,
    options?: BatchAlterTableOptions,
  ): Promise<void>;
  /** PostgreSQL `CREATE TYPE ... AS ENUM`. */
  createEnumType(name: string, values: readonly string[], options?: TableOptions): Promise<void>;
  dropEnumType(name: string, options?: TableOptions & { existingValues?: readonly string[] }): Promise<void>;
  addEnumValue(name: string, value: string, options?: AddEnumValueOptions): Promise<void>;
  /** One INSERT per row, values as literals (objects and arrays as JSON text). */
  bulkInsert(tableName: string, rows: readonly Readonly<Record<string, unknown>>[], options?: TableOptions): Promise<void>;
  /** `value` as a SQL literal of this dialect, for hand-written statements. */
  inlineLiteral(value: unknown): string;
  /** Marks a constraint or index name as final: not run through the naming convention. */
  f(name: string): FinalName;
}
