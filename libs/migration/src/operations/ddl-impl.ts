import { MigrationError } from '../errors';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from './column-ops';
import { ColumnTypes, renderPortableType } from './column-types';
import { AddConstraintOp, DropConstraintOp } from './constraint-ops';
import { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from './enum-ops';
import { CreateIndexOp, DropIndexOp } from './index-ops';
import type { BatchAlterTableOp } from './batch-ops';
import type { MigrateOperation } from './migrate-operation';
import type { Dialect } from './migration-ops';
import { elementName, NamingConvention } from './naming-convention';
import {
  Column,
  ConstraintType,
  IndexDefinition,
  isColumn,
  isSqlText,
  ObjectName,
  ServerDefault,
  TableConstraint,
  TableDefinition,
} from './schema-objects';
import { BulkInsertOp, ExecuteSQLOp } from './sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from './table-ops';

/** One statement to send through the SqlEmitter. */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

/**
 * What rendering needs from outside `operations/`: quoting and literals (the SqlEmitter's own,
 * so `--sql` and DDL agree) and the naming convention.
 */
export interface RenderContext {
  quoteIdentifier(name: string): string;
  renderLiteral(value: unknown): string;
  namingConvention: NamingConvention;
}

/** The dialect cannot do this in place; names the dialect and what to use instead. */
export class UnsupportedOperationError extends MigrationError {
  constructor(
    readonly dialect: Dialect,
    readonly operation: string,
    advice: string,
  ) {
    super(`${dialect} cannot ${operation}; ${advice}`);
  }
}

/** Runs a read-only statement and returns its rows (the SqlEmitter's `execute`, online). */
export type QueryRows = (sql: string) => Promise<readonly Record<string, unknown>[]>;

/** How a batch rebuilds its table where ALTER TABLE falls short (Alembic's batch "move and copy"). */
export interface TableRecreate {
  /** Why ALTER TABLE cannot carry out `op` in place, so the table must be recreated; undefined when it can. */
  recreateReason(op: MigrateOperation): string | undefined;
  /** The table as it is now, read from the database (online, before a recreate without `copyFrom`). */
  readTable(query: QueryRows, tableName: string): Promise<TableDefinition>;
  /** The statements that rebuild the table (`table`, as it is) with the batch's changes, its rows kept. */
  recreateTable(batch: BatchAlterTableOp, table: TableDefinition, typesAsWritten: boolean): Statement[];
}

// Constraint kinds as createTable spells them, and as dropConstraint's type.
const CONSTRAINT_TYPE: Record<TableConstraint['kind'], ConstraintType> = {
  primaryKey: 'primary',
  foreignKey: 'foreignkey',
  unique: 'unique',
  check: 'check',
};

/**
 * The SQL of each operation (Alembic's DefaultImpl): standard SQL, with one method per op that a
 * dialect overrides where it differs. The dispatcher picks the method by the op's class.
 */
export abstract class DdlImpl {
  abstract readonly dialect: Dialect;
  /** How this dialect spells the portable column types. */
  protected abstract readonly columnTypes: ColumnTypes;

  /** Public for implementations registered from outside (`implementationFor`), which quote and write literals the same way. */
  constructor(readonly context: RenderContext) {}

  /** This dialect's SQL with `convention`'s templates over the current ones (a batch's `namingConvention`). */
  withNamingConvention(convention: NamingConvention): DdlImpl {
    const Impl = this.constructor as new (context: RenderContext) => DdlImpl;
    return new Impl({ ...this.context, namingConvention: { ...this.context.namingConvention, ...convention } });
  }

  /**
   * The batch recreate of a dialect whose ALTER TABLE cannot make every change (Alembic's
   * `requires_recreate_in_batch`); undefined where it can, and a batch there never recreates.
   */
  get tableRecreate(): TableRecreate | undefined {
    return undefined;
  }

  createTable(op: CreateTableOp): Statement[] {
    const { tableName, options } = op;
    const columns = op.elements.filter(isColumn);
    const lines = columns.map((c) => this.columnSpec(c, true));
    const constraints = this.tableConstraints(op);
    for (const c of constraints) lines.push(this.constraintClause(tableName, c));
    const head = `CREATE TABLE ${this.table(tableName, options.schema)} (\n    ${lines.join(',\n    ')}\n)`;
    const statements: Statement[] = [{ sql: head + this.tableOptionsClause(op) }];
    statements.push(...this.commentStatements(op, columns));
    for (const element of op.elements) {
      if ('kind' in element && element.kind === 'index') {
        const { columns: indexColumns, name, unique, where } = element;
        statements.push(...this.createIndex(new CreateIndexOp(name, tableName, indexColumns, { schema: options.schema, unique, where })));
      }
    }
    return statements;
  }

  dropTable(op: DropTableOp): Statement[] {
    return [{ sql: `DROP TABLE ${this.table(op.tableName, op.options.schema)}` }];
  }

  renameTable(op: RenameTableOp): Statement[] {
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, op.options.schema)} RENAME TO ${this.q(op.newTableName)}` }];
  }

  createTableComment(op: CreateTableCommentOp): Statement[] {
    return [{ sql: `COMMENT ON TABLE ${this.table(op.tableName, op.options.schema)} IS ${this.literal(op.comment)}` }];
  }

  dropTableComment(op: DropTableCommentOp): Statement[] {
    return [{ sql: `COMMENT ON TABLE ${this.table(op.tableName, op.options.schema)} IS NULL` }];
  }

  addColumn(op: AddColumnOp): Statement[] {
    const { tableName, column, options } = op;
    if (column.primaryKey) {
      throw new MigrationError(
        `addColumn('${tableName}', '${column.name}') cannot add a primary key; add the column, then op.createPrimaryKey(...)`,
      );
    }
    const statements: Statement[] = [
      { sql: `ALTER TABLE ${this.table(tableName, options.schema)} ADD COLUMN ${this.columnSpec(column, false)}` },
    ];
    statements.push(...this.columnCommentStatements(tableName, options.schema, [column]));
    if (column.unique) statements.push(...this.addConstraint(tableName, options.schema, { kind: 'unique', columns: [column.name] }));
    return statements;
  }

  dropColumn(op: DropColumnOp): Statement[] {
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, op.options.schema)} DROP COLUMN ${this.q(op.columnName)}` }];
  }

  /** PostgreSQL's shape (standard SQL): one ALTER per change, the type first, the rename last. */
  alterColumn(op: AlterColumnOp): Statement[] {
    const { tableName, columnName, options: o } = op;
    if (o.onUpdate !== undefined) throw this.onUpdateUnsupported(columnName);
    const table = this.table(tableName, o.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${this.q(columnName)}`;
    const statements: Statement[] = [];
    if (o.type !== undefined) {
      statements.push({ sql: `${alter} TYPE ${this.columnType(o.type)}${o.using === undefined ? '' : ` USING ${o.using}`}` });
    }
    if (o.nullable !== undefined) statements.push({ sql: `${alter} ${o.nullable ? 'DROP' : 'SET'} NOT NULL` });
    if (o.serverDefault !== undefined) {
      statements.push({
        sql: o.serverDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${this.defaultValue(o.serverDefault)}`,
      });
    }
    if (o.comment !== undefined) {
      statements.push({
        sql: `COMMENT ON COLUMN ${table}.${this.q(columnName)} IS ${o.comment === null ? 'NULL' : this.literal(o.comment)}`,
      });
    }
    if (o.newColumnName !== undefined) {
      statements.push({ sql: `ALTER TABLE ${table} RENAME COLUMN ${this.q(columnName)} TO ${this.q(o.newColumnName)}` });
    }
    return statements;
  }

  addConstraintOp(op: AddConstraintOp): Statement[] {
    return this.addConstraint(op.tableName, op.options.schema, op.constraint);
  }

  dropConstraint(op: DropConstraintOp): Statement[] {
    const name = this.dropName(op);
    return [{ sql: `ALTER TABLE ${this.table(op.tableName, op.options.schema)} DROP CONSTRAINT ${this.q(name)}` }];
  }

  createIndex(op: CreateIndexOp): Statement[] {
    const { tableName, options: o } = op;
    if (o.concurrently)
      throw new UnsupportedOperationError(this.dialect, `create index ${tableName} CONCURRENTLY`, 'drop the concurrently option there');
    const name = this.indexName(tableName, op.definition);
    const columns = op.columns.map((c) => (isSqlText(c) ? c.sqlText : this.q(c))).join(', ');
    const where = o.where === undefined ? '' : ` WHERE ${o.where}`;
    const named = name === undefined ? '' : `${this.q(name)} `;
    return [{ sql: `CREATE ${o.unique ? 'UNIQUE ' : ''}INDEX ${named}ON ${this.table(tableName, o.schema)} (${columns})${where}` }];
  }

  dropIndex(op: DropIndexOp): Statement[] {
    if (op.options.concurrently) {
      throw new UnsupportedOperationError(this.dialect, `drop index ${op.indexName} CONCURRENTLY`, 'drop the concurrently option there');
    }
    return [{ sql: `DROP INDEX ${this.table(this.dropIndexName(op), op.options.schema)}` }];
  }

  createEnumType(op: CreateEnumTypeOp): Statement[] {
    throw this.enumsUnsupported(op.typeName);
  }

  dropEnumType(op: DropEnumTypeOp): Statement[] {
    throw this.enumsUnsupported(op.typeName);
  }

  addEnumValue(op: AddEnumValueOp): Statement[] {
    throw this.enumsUnsupported(op.typeName);
  }

  execute(op: ExecuteSQLOp): Statement[] {
    return [{ sql: op.sql, params: op.params }];
  }

  /** One INSERT per row with its values as literals, so the statement is the same online and offline. */
  bulkInsert(op: BulkInsertOp): Statement[] {
    const table = this.table(op.tableName, op.options.schema);
    return op.rows.map((row) => {
      const keys = Object.keys(row);
      const values = keys.map((k) => this.literal(insertValue(row[k])));
      return { sql: `INSERT INTO ${table} (${keys.map((k) => this.q(k)).join(', ')}) VALUES (${values.join(', ')})` };
    });
  }

  /** A value as a literal of this dialect (`op.inlineLiteral`). */
  literal(value: unknown): string {
    return this.context.renderLiteral(value);
  }

  // ---- pieces the dialects override ----

  /** `name TYPE [DEFAULT x] [NOT NULL]`, and whatever the dialect adds. */
  protected columnSpec(column: Column, inCreateTable: boolean): string {
    if (column.onUpdate !== undefined && !this.hasOnUpdate) throw this.onUpdateUnsupported(column.name);
    return [this.q(column.name), this.columnBody(column, inCreateTable)].join(' ');
  }

  /** The column definition after its name. */
  protected columnBody(column: Column, _inCreateTable: boolean): string {
    const parts = [this.columnType(column.type)];
    if (column.serverDefault !== undefined) parts.push(`DEFAULT ${this.defaultValue(column.serverDefault)}`);
    if (isNotNull(column)) parts.push('NOT NULL');
    return parts.join(' ');
  }

  protected columnType(type: string): string {
    return renderPortableType(this.columnTypes, type);
  }

  protected defaultValue(value: ServerDefault): string {
    return isSqlText(value) ? value.sqlText : this.literal(value);
  }

  /** Text after the closing parenthesis of CREATE TABLE (MySQL's table COMMENT). */
  protected tableOptionsClause(_op: CreateTableOp): string {
    return '';
  }

  /** COMMENT ON statements for a new table and its columns. */
  protected commentStatements(op: CreateTableOp, columns: readonly Column[]): Statement[] {
    const { tableName, options } = op;
    const statements: Statement[] = [];
    if (options.comment !== undefined)
      statements.push(...this.createTableComment(new CreateTableCommentOp(tableName, options.comment, options)));
    statements.push(...this.columnCommentStatements(tableName, options.schema, columns));
    return statements;
  }

  protected columnCommentStatements(tableName: string, schema: string | undefined, columns: readonly Column[]): Statement[] {
    return columns
      .filter((c) => c.comment !== undefined)
      .map((c) => ({ sql: `COMMENT ON COLUMN ${this.table(tableName, schema)}.${this.q(c.name)} IS ${this.literal(c.comment)}` }));
  }

  /** The table's constraints: those given, a primary key from `primaryKey` columns, a unique one per `unique` column. */
  protected tableConstraints(op: CreateTableOp): TableConstraint[] {
    const columns = op.elements.filter(isColumn);
    const given = op.elements.filter((e): e is TableConstraint => 'kind' in e && e.kind !== 'index');
    const keyColumns = columns.filter((c) => c.primaryKey).map((c) => c.name);
    const primary: TableConstraint[] =
      keyColumns.length && !given.some((c) => c.kind === 'primaryKey') ? [{ kind: 'primaryKey', columns: keyColumns }] : [];
    const uniques: TableConstraint[] = columns.filter((c) => c.unique).map((c) => ({ kind: 'unique', columns: [c.name] }));
    return [...primary, ...given, ...uniques];
  }

  /** `CONSTRAINT name PRIMARY KEY (a)`, as in CREATE TABLE and ADD CONSTRAINT. */
  protected constraintClause(tableName: string, c: TableConstraint): string {
    const name = this.constraintName(tableName, c.name, c);
    const prefix = name === undefined ? '' : `CONSTRAINT ${this.q(name)} `;
    return prefix + this.constraintBody(c);
  }

  protected constraintBody(c: TableConstraint): string {
    const columns = (names: readonly string[]) => names.map((n) => this.q(n)).join(', ');
    if (c.kind === 'primaryKey') return `PRIMARY KEY (${columns(c.columns)})`;
    if (c.kind === 'unique') return `UNIQUE (${columns(c.columns)})`;
    if (c.kind === 'check') return `CHECK (${c.condition})`;
    const actions = [
      c.onDelete && ` ON DELETE ${c.onDelete}`,
      c.onUpdate && ` ON UPDATE ${c.onUpdate}`,
      c.deferrable && ' DEFERRABLE',
      c.deferrable && c.initially && ` INITIALLY ${c.initially}`,
    ]
      .filter(Boolean)
      .join('');
    return `FOREIGN KEY (${columns(c.columns)}) REFERENCES ${this.table(c.referredTable, c.referredSchema)} (${columns(c.referredColumns)})${actions}`;
  }

  protected addConstraint(tableName: string, schema: string | undefined, c: TableConstraint): Statement[] {
    return [{ sql: `ALTER TABLE ${this.table(tableName, schema)} ADD ${this.constraintClause(tableName, c)}` }];
  }

  /** The name a drop acts on: the one given, or the one the naming convention gave `existing`. */
  protected dropName(op: DropConstraintOp): string {
    const { existing } = op.options;
    const name = op.constraintName ?? (existing && this.constraintName(op.tableName, existing.name, existing));
    if (name === undefined || name === null) {
      throw new MigrationError(
        `dropConstraint on ${op.tableName} needs a constraint name, or existing with a naming convention for its kind`,
      );
    }
    return name;
  }

  /** The constraint type a drop acts on: the one given, or `existing`'s. */
  protected dropType(op: DropConstraintOp): ConstraintType | undefined {
    return op.options.type ?? (op.options.existing && CONSTRAINT_TYPE[op.options.existing.kind]);
  }

  protected dropIndexName(op: DropIndexOp): string {
    const { existing } = op.options;
    const name = op.indexName ?? (existing && op.tableName !== undefined ? this.indexName(op.tableName, existing) : undefined);
    if (name === undefined)
      throw new MigrationError('dropIndex needs an index name, or its table and existing with an ix naming convention');
    return name;
  }

  protected constraintName(tableName: string, name: ObjectName, c: TableConstraint): string | undefined {
    return elementName(this.context.namingConvention, tableName, c, name);
  }

  protected indexName(tableName: string, index: IndexDefinition): string | undefined {
    return elementName(this.context.namingConvention, tableName, index);
  }

  /** Whether a column may have `ON UPDATE` (MySQL's). */
  protected readonly hasOnUpdate: boolean = false;

  protected onUpdateUnsupported(column: string): UnsupportedOperationError {
    return new UnsupportedOperationError(
      this.dialect,
      `set ON UPDATE on column ${column}`,
      'it is MySQL-only: drop the onUpdate option there (a trigger does this elsewhere)',
    );
  }

  protected q(name: string): string {
    return this.context.quoteIdentifier(name);
  }

  /** A table name, schema-qualified where the dialect has schemas. */
  protected table(name: string, schema: string | undefined): string {
    if (schema !== undefined) {
      throw new MigrationError(`The schema argument ('${schema}' for ${name}) is supported on postgres only, not on ${this.dialect}`);
    }
    return this.q(name);
  }

  protected enumsUnsupported(typeName: string): MigrationError {
    return new UnsupportedOperationError(
      this.dialect,
      `create or alter the enum type ${typeName}`,
      "enum types are PostgreSQL's; on mysql write the column type as enum('a','b')",
    );
  }

  /** SQLite's answer to what it cannot ALTER. */
  protected needsBatch(operation: string, tableName: string): UnsupportedOperationError {
    return new UnsupportedOperationError(
      this.dialect,
      operation,
      `use op.batchAlterTable('${tableName}', (batch) => ...), which recreates the table`,
    );
  }
}

/** NOT NULL when asked, and always for a primary-key column, as in SQLAlchemy. */
export function isNotNull(column: Column): boolean {
  return column.nullable === false || (column.nullable === undefined && column.primaryKey === true);
}

/**
 * JSON columns take objects and arrays, written as JSON text. Dates and binary are matched by
 * their tag, not `instanceof`: a revision module may come from another realm (a VM context).
 */
function insertValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return JSON.stringify(value);
}
