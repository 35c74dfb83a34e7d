import { CreateTableOp, DropTableOp } from '../../operations/table-ops';
import { ForeignKeyModel, qualifiedName, TableModel } from '../../dialects/schema-model';
import { CompareContext, schemaOf } from './context';
import { tableElements } from './elements';
import { createForeignKeyOp, dropForeignKeyOp } from './foreign-keys';
import { orderByReferences } from './table-order';

// Tables are ordered by their qualified names: the same name may be in two schemas.
const keyOf = (table: TableModel): string => qualifiedName(table.schema, table.name);
const referredKey = (fk: ForeignKeyModel): string => qualifiedName(fk.referredSchema, fk.referredTable);

function referencesOf(tables: readonly TableModel[]): Map<string, Set<string>> {
  return new Map(tables.map((t) => [keyOf(t), new Set(t.foreignKeys.map(referredKey))]));
}

const isDeferred = (deferred: Array<[string, string]>, table: TableModel, fk: ForeignKeyModel) =>
  deferred.some(([from, to]) => from === keyOf(table) && to === referredKey(fk));

/**
 * New tables, created parents first with their columns, keys, checks, foreign keys and indexes.
 * Foreign keys that close a cycle among new tables are created afterwards, on their own.
 */
export function createTables(context: CompareContext, tables: readonly TableModel[]): void {
  const byKey = new Map(tables.map((t) => [keyOf(t), t]));
  const { order, deferred } = orderByReferences([...byKey.keys()], referencesOf(tables));
  for (const key of order) {
    const table = byKey.get(key) as TableModel;
    const withoutDeferred: TableModel = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !isDeferred(deferred, table, fk)) };
    context.phases.createTables.push(
      new CreateTableOp(table.name, tableElements(withoutDeferred), {
        ...schemaOf(table),
        ...(table.comment ? { comment: table.comment } : {}),
      }),
    );
    for (const fk of table.foreignKeys.filter((k) => isDeferred(deferred, table, k)))
      context.phases.createForeignKeys.push(createForeignKeyOp(table, fk));
  }
}

/**
 * Tables gone from the entities, dropped children first, each carrying its definition so the
 * downgrade recreates it. Foreign keys in a cycle among them are dropped first, on their own.
 */
export function dropTables(context: CompareContext, tables: readonly TableModel[]): void {
  const byKey = new Map(tables.map((t) => [keyOf(t), t]));
  const { order, deferred } = orderByReferences([...byKey.keys()], referencesOf(tables));
  for (const key of [...order].reverse()) {
    const table = byKey.get(key) as TableModel;
    const withoutDeferred: TableModel = { ...table, foreignKeys: table.foreignKeys.filter((fk) => !isDeferred(deferred, table, fk)) };
    for (const fk of table.foreignKeys.filter((k) => isDeferred(deferred, table, k)))
      context.phases.dropForeignKeys.push(dropForeignKeyOp(table, fk));
    context.phases.dropTables.push(
      new DropTableOp(table.name, {
        ...schemaOf(table),
        existingElements: tableElements(withoutDeferred),
        ...(table.comment ? { existingComment: table.comment } : {}),
      }),
    );
    context.destructive.push({ kind: 'drop-table', table: key, message: `Dropping table ${key} loses all its rows` });
  }
}
