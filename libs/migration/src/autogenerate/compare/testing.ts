// Spec helper (excluded from the build): small builders for hand-made schema models.
import type { Dialect } from '../../operations/migration-ops';
import { ColumnModel, DatabaseSchema, ForeignKeyModel, qualifiedName, TableModel } from '../../dialects/schema-model';

export function col(name: string, type = 'integer', options: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, rawType: type, nullable: true, autoincrement: false, ...options };
}

export function id(name = 'id'): ColumnModel {
  return col(name, 'integer', { nullable: false, autoincrement: true });
}

export function table(name: string, columns: ColumnModel[], options: Partial<Omit<TableModel, 'name' | 'columns'>> = {}): TableModel {
  return {
    name,
    columns,
    primaryKey: columns.some((c) => c.name === 'id') ? { name: `pk_${name}`, columns: ['id'] } : undefined,
    uniqueConstraints: [],
    indexes: [],
    foreignKeys: [],
    checkConstraints: [],
    ...options,
  };
}

/** Tables keyed as introspect() keys them; `read` is what a PostgreSQL database says of its schemas. */
export function schema(
  dialect: Dialect,
  tables: TableModel[],
  enums: Record<string, readonly string[]> = {},
  read: Pick<DatabaseSchema, 'defaultSchema' | 'schemas'> = {},
): DatabaseSchema {
  return {
    dialect,
    tables: new Map(tables.map((t) => [qualifiedName(t.schema, t.name), t])),
    enums: new Map(Object.entries(enums)),
    ...read,
  };
}

/** A foreign key as entity-schema names it. */
export function fk(
  tableName: string,
  column: string,
  referredTable: string,
  options: { onDelete?: ForeignKeyModel['onDelete']; name?: string } = {},
): ForeignKeyModel {
  return {
    name: options.name ?? `fk_${tableName}_${column}_${referredTable}`,
    columns: [column],
    referredTable,
    referredColumns: ['id'],
    onDelete: options.onDelete ?? 'NO ACTION',
    onUpdate: 'NO ACTION',
  };
}

/** Op class names, for asserting order. */
export const kinds = (ops: readonly object[]): string[] => ops.map((op) => op.constructor.name);
