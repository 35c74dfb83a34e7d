import { MigrationError } from '../../errors';
import type { BatchAlterTableOp } from '../../operations/batch-ops';
import { finalOf, planRecreate, sqliteRecreateReason } from './batch-plan';
import { AlterColumnOp } from '../../operations/column-ops';
import { isIntegerType } from '../../operations/column-types';
import { AddConstraintOp, DropConstraintOp } from '../../operations/constraint-ops';
import { CreateIndexOp } from '../../operations/index-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import type { Dialect } from '../../operations/migration-ops';
import { Column, f, isColumn, ServerDefault, TableConstraint, TableDefinition } from '../../operations/schema-objects';
import { CreateTableOp } from '../../operations/table-ops';
import { DdlImpl, QueryRows, Statement, TableRecreate } from '../../operations/ddl-impl';
import { readSqliteTable } from './reflect';
import { SQLITE_COLUMN_TYPES } from './column-types';

/** The name of the table a recreate copies the rows through. */
export function batchTempTable(tableName: string): string {
  return `_nest_migrate_tmp_${tableName}`;
}

/**
 * SQLite: ALTER TABLE can only rename, add and drop columns. Changing a column or a constraint
 * needs the table recreated, which is batch mode's job (`recreateTable`), so those ops fail with
 * that advice.
 * SQLite has no comments; they are left out, as SQLAlchemy does.
 */
export class SqliteImpl extends DdlImpl implements TableRecreate {
  readonly dialect: Dialect = 'sqlite';
  protected readonly columnTypes = SQLITE_COLUMN_TYPES;

  override get tableRecreate(): TableRecreate {
    return this;
  }

  recreateReason(op: MigrateOperation): string | undefined {
    return sqliteRecreateReason(op);
  }

  readTable(query: QueryRows, tableName: string): Promise<TableDefinition> {
    return readSqliteTable(query, tableName);
  }

  // INTEGER PRIMARY KEY AUTOINCREMENT must be written on the column, and then nowhere else.
  protected override columnBody(column: Column, inCreateTable: boolean): string {
    if (!column.autoincrement) return super.columnBody(column, inCreateTable);
    if (!isIntegerType(column.type) || !inCreateTable) {
      throw new MigrationError(`Column ${column.name}: sqlite autoincrement needs an integer primary key declared in createTable`);
    }
    return 'INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT';
  }

  protected override tableConstraints(op: CreateTableOp): TableConstraint[] {
    const constraints = super.tableConstraints(op);
    if (!op.elements.filter(isColumn).some((c) => c.autoincrement)) return constraints;
    return constraints.filter((c) => c.kind !== 'primaryKey');
  }

  // A default that is an expression must be parenthesised on SQLite.
  protected override defaultValue(value: ServerDefault): string {
    const text = super.defaultValue(value);
    return typeof value === 'object' ? `(${text})` : text;
  }

  override createTableComment(): Statement[] {
    return [];
  }

  override dropTableComment(): Statement[] {
    return [];
  }

  protected override columnCommentStatements(): Statement[] {
    return [];
  }

  override alterColumn(op: AlterColumnOp): Statement[] {
    const { type, nullable, serverDefault, newColumnName, schema } = op.options;
    if (op.options.onUpdate !== undefined) throw this.onUpdateUnsupported(op.columnName);
    const changes = [
      type !== undefined && 'type',
      nullable !== undefined && 'nullability',
      serverDefault !== undefined && 'server default',
    ].filter(Boolean);
    if (changes.length) throw this.needsBatch(`ALTER the ${changes.join(', ')} of column ${op.tableName}.${op.columnName}`, op.tableName);
    if (newColumnName === undefined) return [];
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, schema)} RENAME COLUMN ${this.q(op.columnName)} TO ${this.q(newColumnName)}` }];
  }

  override addConstraintOp(op: AddConstraintOp): Statement[] {
    throw this.needsBatch(`ADD a ${op.constraintType} constraint to table ${op.tableName}`, op.tableName);
  }

  protected override addConstraint(tableName: string, _schema: string | undefined, c: TableConstraint): Statement[] {
    throw this.needsBatch(`ADD a ${c.kind} constraint to table ${tableName}`, tableName);
  }

  override dropConstraint(op: DropConstraintOp): Statement[] {
    throw this.needsBatch(
      `DROP constraint ${op.constraintName ?? `(${op.options.existing?.kind})`} of table ${op.tableName}`,
      op.tableName,
    );
  }

  /**
   * "Move and copy" (Alembic's batch recreate): the table rebuilt with the batch's changes
   * applied to `table` (as read from the database, or `copyFrom`), its rows kept. These are the
   * middle steps of SQLite's procedure for schema changes
   * (https://www.sqlite.org/lang_altertable.html#otheralter); the runtime runs them with foreign
   * keys off, in a savepoint, and runs `PRAGMA foreign_key_check` before the change is committed.
   * With foreign keys on, the DROP below would delete the table's rows one by one first, and
   * the ON DELETE actions of the tables that reference it would fire (CASCADE deletes their rows,
   * SET NULL empties their keys, RESTRICT fails): `defer_foreign_keys` defers checks, not actions.
   *
   * Alembic creates the new table under a temporary name, copies the rows, drops the old table
   * and renames the new one into place. Since SQLite 3.26 that rename fails when a view names the
   * table (the view is checked while the table is gone), so instead the rows go through a holding
   * table and back into a table created under the real name. This costs a second copy.
   */
  recreateTable(batch: BatchAlterTableOp, table: TableDefinition, typesAsWritten = false): Statement[] {
    const plan = planRecreate(batch, table, this.context.namingConvention, typesAsWritten);
    const { tableName, columns } = plan;
    const schema = batch.options.schema;
    const target = this.table(tableName, schema);
    const temp = this.q(batchTempTable(tableName));
    const list = (names: readonly string[]) => names.map((n) => this.q(n)).join(', ');
    const copied = columns.filter((c) => c.source !== undefined);
    const all = columns.map((c) => c.column.name);
    // The holding table has only the new columns' types and defaults: constraints are checked once, on the way back.
    const holding = columns.map(({ column: { name, type, serverDefault }, typeAsWritten }) =>
      this.spec({ name, type, ...(serverDefault === undefined ? {} : { serverDefault }) }, typeAsWritten),
    );
    const hasAutoincrement = columns.some((c) => c.column.autoincrement);
    const constraints = plan.constraints.filter((c) => !(hasAutoincrement && c.kind === 'primaryKey'));
    const lines = [...columns.map((c) => this.spec(c.column, c.typeAsWritten)), ...constraints.map((c) => this.namedConstraint(c))];
    const statements: Statement[] = [
      { sql: `CREATE TABLE ${temp} (\n    ${holding.join(',\n    ')}\n)` },
      {
        sql: `INSERT INTO ${temp} (${list(copied.map((c) => c.column.name))}) SELECT ${list(copied.map((c) => c.source!))} FROM ${target}`,
      },
      { sql: `DROP TABLE ${target}` },
      { sql: `CREATE TABLE ${target} (\n    ${lines.join(',\n    ')}\n)` },
      { sql: `INSERT INTO ${target} (${list(all)}) SELECT ${list(all)} FROM ${temp}` },
      { sql: `DROP TABLE ${temp}` },
    ];
    for (const index of plan.indexes) {
      const { columns: indexColumns, unique, where } = index;
      statements.push(...this.createIndex(new CreateIndexOp(f(finalOf(index.name)), tableName, indexColumns, { schema, unique, where })));
    }
    return statements;
  }

  private typeAsWritten = false;

  /** A column of CREATE TABLE; a type read from the database is written as it was, not as a portable type name. */
  private spec(column: Column, typeAsWritten = false): string {
    this.typeAsWritten = typeAsWritten;
    try {
      return this.columnSpec(column, true);
    } finally {
      this.typeAsWritten = false;
    }
  }

  protected override columnType(type: string): string {
    return this.typeAsWritten ? type : super.columnType(type);
  }

  /** A constraint clause with its already-resolved name (none when unnamed): no naming convention applies. */
  private namedConstraint(c: TableConstraint): string {
    const name = finalOf(c.name);
    return (name ? `CONSTRAINT ${this.q(name)} ` : '') + this.constraintBody(c);
  }
}
