import {
  Column,
  f,
  ForeignKeyConstraint,
  IndexDefinition,
  ObjectName,
  sqlText,
  TableConstraint,
  TableElement,
} from '../../operations/schema-objects';
import type {
  CheckConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  TableModel,
  UniqueConstraintModel,
} from '../../dialects/schema-model';

// Model -> the plain objects ops take. Names in either model are already final (the entity side
// computed them by the naming convention), so they are passed as f(name) and never renamed again;
// an unnamed one (SQLite) is left to the convention.
const finalName = (name: string | undefined): ObjectName => (name ? f(name) : null);

/** A column as an op takes it; a default is SQL text already, so it is written as is. */
export function toColumn(column: ColumnModel, primaryKey = false): Column {
  return {
    name: column.name,
    type: column.type,
    nullable: column.nullable,
    ...(primaryKey ? { primaryKey: true } : {}),
    ...(column.autoincrement ? { autoincrement: true } : {}),
    ...(column.serverDefault === undefined ? {} : { serverDefault: sqlText(column.serverDefault) }),
    ...(column.onUpdate === undefined ? {} : { onUpdate: column.onUpdate }),
    ...(column.comment === undefined ? {} : { comment: column.comment }),
  };
}

export function toUnique(unique: UniqueConstraintModel): TableConstraint {
  return { kind: 'unique', columns: unique.columns, name: finalName(unique.name) };
}

export function toCheck(check: CheckConstraintModel): TableConstraint {
  return { kind: 'check', condition: check.condition, name: finalName(check.name) };
}

export function toForeignKey(fk: ForeignKeyModel): ForeignKeyConstraint {
  return {
    kind: 'foreignKey',
    columns: fk.columns,
    referredTable: fk.referredTable,
    referredColumns: fk.referredColumns,
    name: finalName(fk.name),
    ...(fk.referredSchema === undefined ? {} : { referredSchema: fk.referredSchema }),
    // NO ACTION is every database's default, so it is left unsaid.
    ...(fk.onDelete === 'NO ACTION' ? {} : { onDelete: fk.onDelete }),
    ...(fk.onUpdate === 'NO ACTION' ? {} : { onUpdate: fk.onUpdate }),
  };
}

export function toIndex(index: IndexModel): IndexDefinition {
  const columns = index.expressions ? index.expressions.map((e, i) => index.columns[i] ?? sqlText(e)) : index.columns.map((c) => c ?? '');
  return {
    kind: 'index',
    columns,
    name: finalName(index.name),
    ...(index.unique ? { unique: true } : {}),
    ...(index.where ? { where: index.where } : {}),
  };
}

/** The whole table as `createTable` takes it: columns, primary key, uniques, checks, foreign keys, indexes. */
export function tableElements(table: TableModel, options: { foreignKeys?: boolean } = {}): TableElement[] {
  const keyColumns = new Set(table.primaryKey?.columns ?? []);
  const elements: TableElement[] = table.columns.map((c) => toColumn(c, keyColumns.has(c.name)));
  if (table.primaryKey) elements.push({ kind: 'primaryKey', columns: table.primaryKey.columns, name: finalName(table.primaryKey.name) });
  elements.push(...table.uniqueConstraints.map(toUnique));
  elements.push(...table.checkConstraints.map(toCheck));
  if (options.foreignKeys !== false) elements.push(...table.foreignKeys.map(toForeignKey));
  elements.push(...table.indexes.map(toIndex));
  return elements;
}
