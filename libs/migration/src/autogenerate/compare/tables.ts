import { CreateTableOp, DropTableOp } from '../../operations/table-ops';
import type { ForeignKeyModel, TableModel } from '../introspect/schema-model';
import { CompareContext, schemaOf } from './context';
import { tableElements } from './elements';
import { createForeignKeyOp, dropForeignKeyOp } from './foreign-keys';
import { orderByReferences } from './table-order';

function referencesOf(tables: readonly TableModel[]): Map<string, Set<string>> {
  return new Map(tables.map((t) => [t.name, new Set(t.foreignKeys.map((fk) => fk.referredTable))]));
}

const isDeferred = (deferred: Array<[string, string]>, table: TableModel, fk: ForeignKeyModel) => deferred.some(([from, to]) => from === table.name && to === fk.referredTable);

/**
 * New tables, created parents first with their columns, keys, checks, foreign keys and indexes.
 * Foreign keys that close a cycle among new tables are created afterwards, on their own.
 */
export function createTables(context: CompareContext, tables: readonly TableModel[]): void {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const { order, deferred } = orderByReferences([...byName.keys()], referencesOf(tables));
  for (const name of order) {
    const table = byName.get(name) as TableModel;
    const withoutDeferred: TableModel = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !isDeferred(deferred, table, fk)) };
    context.phases.createTables.push(
      new CreateTableOp(name, tableElements(withoutDeferred), { ...schemaOf(table), ...(table.comment ? { comment: table.comment } : {}) }),
    );
    for (const fk of table.foreignKeys.filter((k) => isDeferred(deferred, table, k))) context.phases.createForeignKeys.push(createForeignKeyOp(table, fk));
  }
}

/**
 * Tables gone from the entities, dropped children first, each carrying its definition so the
 * downgrade recreates it. Foreign keys in a cycle among them are dropped first, on their own.
 */
export function dropTables(context: CompareContext, tables: readonly TableModel[]): void {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const { order, deferred } = orderByReferences([...byName.keys()], referencesOf(tables));
  for (const name of [...order].reverse()) {
    const table = byName.get(name) as TableModel;
    const withoutDeferred: TableModel = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !isDeferred(deferred, table, fk)) };
    for (const fk of table.foreignKeys.filter((k) => isDeferred(deferred, table, k))) context.phases.dropForeignKeys.push(dropForeignKeyOp(table, fk));
    context.phases.dropTables.push(
      new DropTableOp(name, { ...schemaOf(table), existingElements: tableElements(withoutDeferred), ...(table.comment ? { existingComment: table.comment } : {}) }),
    );
    context.destructive.push({ kind: 'drop-table', table: name, message: `Dropping table ${name} loses all its rows` });
  }
}
