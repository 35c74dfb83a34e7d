import type { DataSource } from 'typeorm';
import { normalizeDefault } from '../../src/autogenerate/compare/server-defaults';
import { introspect } from '../../src/autogenerate/introspect/introspect';
import type { ColumnModel, TableModel } from '../../src/dialects/schema-model';
import type { Dialect } from '../../src/operations/migration-ops';

/**
 * A table as its database behaves, without the names of its constraints and indexes (ours and
 * TypeORM's differ by design): what a schema built by our migrations and one built by TypeORM's
 * `synchronize` must agree on. Lists are sorted, so declaration order does not count.
 */
export interface TableSnapshot {
  columns: Record<string, { type: string; nullable: boolean; default?: string; autoincrement: boolean; onUpdate?: string }>;
  primaryKey: string[];
  uniques: string[];
  indexes: string[];
  foreignKeys: string[];
  checks: string[];
}

/** Every table of the database (PostgreSQL: every schema) as a snapshot, keyed by `schema.table` outside the default schema. */
export async function snapshot(dataSource: DataSource, dialect: Dialect): Promise<Map<string, TableSnapshot>> {
  const runner = dataSource.createQueryRunner();
  try {
    const schema = await introspect(runner, dialect, { includeSchemas: true });
    return new Map([...schema.tables].map(([key, table]) => [key, tableSnapshot(dialect, table)]));
  } finally {
    await runner.release();
  }
}

/** PostgreSQL enum types and their labels, keyed as tables are. */
export async function enumTypes(dataSource: DataSource): Promise<Record<string, readonly string[]>> {
  const runner = dataSource.createQueryRunner();
  try {
    return Object.fromEntries((await introspect(runner, 'postgres', { includeSchemas: true })).enums);
  } finally {
    await runner.release();
  }
}

function tableSnapshot(dialect: Dialect, table: TableModel): TableSnapshot {
  const list = (columns: readonly (string | null)[]) => `(${columns.map((c) => c ?? '?').join(', ')})`;
  const uniqueIndexes = table.indexes.filter((i) => i.unique).map((i) => list(i.columns));
  return {
    columns: Object.fromEntries(table.columns.map((c) => [c.name, column(dialect, c)])),
    primaryKey: [...(table.primaryKey?.columns ?? [])],
    // MySQL keeps unique constraints as unique indexes: the same thing, seen one way.
    uniques: [...table.uniqueConstraints.map((u) => list(u.columns)), ...uniqueIndexes].sort(),
    indexes: table.indexes
      .filter((i) => !i.unique)
      .filter((i) => !(dialect === 'mysql' && table.foreignKeys.some((fk) => list(fk.columns) === list(i.columns))))
      .map((i) => `${list(i.expressions ?? i.columns)}${i.where ? ` WHERE ${condition(i.where)}` : ''}`)
      .sort(),
    foreignKeys: table.foreignKeys
      .map(
        (fk) =>
          `${list(fk.columns)} -> ${fk.referredSchema ? `${fk.referredSchema}.` : ''}${fk.referredTable}${list(fk.referredColumns)} ON DELETE ${action(fk.onDelete)} ON UPDATE ${action(fk.onUpdate)}`,
      )
      .sort(),
    checks: table.checkConstraints.map((c) => condition(c.condition)).sort(),
  };
}

function column(dialect: Dialect, c: ColumnModel): TableSnapshot['columns'][string] {
  const isNumeric = /int|numeric|decimal|real|float|double/i.test(c.rawType);
  const serverDefault = c.autoincrement ? undefined : normalizeDefault(c.serverDefault, isNumeric);
  const onUpdate = normalizeDefault(c.onUpdate);
  return {
    type: canonicalType(dialect, c.rawType),
    nullable: c.nullable,
    ...(serverDefault === undefined ? {} : { default: serverDefault }),
    autoincrement: c.autoincrement,
    ...(onUpdate === undefined ? {} : { onUpdate }),
  };
}

/**
 * A type as the database treats it. Only spellings with one meaning are merged: on MySQL an
 * integer's display width (`int(11)`), and TINYINT(1) (what BOOLEAN is) with TypeORM's TINYINT
 * for a boolean; on SQLite the type affinity the declared type gives, which is all SQLite keeps
 * of a type (`TIMESTAMP` and `datetime`, `NUMERIC(10, 2)` and `decimal(10,2)` are both NUMERIC).
 */
export function canonicalType(dialect: Dialect, rawType: string): string {
  const type = rawType.trim().toLowerCase().replace(/\s+/g, ' ');
  if (dialect === 'mysql') return type.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
  if (dialect === 'sqlite') return sqliteAffinity(type);
  return type;
}

/** SQLite's rules for a declared type's affinity (https://www.sqlite.org/datatype3.html, 3.1). */
function sqliteAffinity(type: string): string {
  if (type.includes('int')) return 'INTEGER';
  if (/char|clob|text/.test(type)) return 'TEXT';
  if (type === '' || type.includes('blob')) return 'BLOB';
  if (/real|floa|doub/.test(type)) return 'REAL';
  return 'NUMERIC';
}

/** InnoDB reports RESTRICT where TypeORM wrote NO ACTION; it treats them alike. */
function action(value: string): string {
  return value === 'RESTRICT' ? 'NO ACTION' : value;
}

/** A check or index condition without the quoting, casts, spacing and parentheses databases add. */
function condition(text: string): string {
  return text
    .replace(/::[a-z_ ]+(\[\])?/gi, '')
    .replace(/["`()\s]/g, '')
    .toLowerCase();
}
