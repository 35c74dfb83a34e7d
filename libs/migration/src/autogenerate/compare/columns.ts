import { AddColumnOp, AlterColumnOptions, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { sqlText } from '../../operations/schema-objects';
import { ColumnModel, qualifiedName, TableModel } from '../../dialects/schema-model';
import { commentChanged } from './comments';
import { CompareContext, findByName, schemaOf } from './context';
import { toColumn } from './elements';
import { findRenameHints, provenRenames } from './renames';
import { onUpdateChanged, serverDefaultChanged } from './server-defaults';
import { needsUsing, sameType, typeChangeRisk } from './types';
import { dialectFor } from '../../dialects/registry';

/**
 * Columns of a table on both sides: added (with their full definition), dropped (carrying the
 * existing definition so the drop reverses), renamed where the metadata proves it (see
 * renames.ts), and altered: type, nullability, server default, MySQL's ON UPDATE and comment in
 * one AlterColumnOp with every `existing*` value filled, so MySQL can re-state the column.
 */
export function compareColumns(context: CompareContext, metadata: TableModel, database: TableModel): void {
  const schema = schemaOf(metadata);
  // How messages name the table: with its schema outside the default one.
  const tableName = qualifiedName(metadata.schema, metadata.name);
  const databaseColumns = database.columns.filter((c) =>
    context.include(c, c.name, 'column', true, findByName(metadata.columns, c.name), database.name, database.schema),
  );
  const missing = metadata.columns.filter(
    (c) => findByName(databaseColumns, c.name) === undefined && context.include(c, c.name, 'column', false, undefined),
  );
  const unclaimed = databaseColumns.filter((c) => findByName(metadata.columns, c.name) === undefined);
  const renamed = new Map(provenRenames(missing, unclaimed));
  const added: ColumnModel[] = [];
  for (const column of metadata.columns) {
    const existing = findByName(databaseColumns, column.name) ?? renamed.get(column);
    if (!context.include(column, column.name, 'column', false, existing)) continue;
    if (existing === undefined) {
      added.push(column);
      context.phases.columns.push(new AddColumnOp(metadata.name, toColumn(column), schema));
      continue;
    }
    const isRename = existing.name !== column.name && renamed.has(column);
    const alter = alterOptions(context, existing, column, tableName, isRename);
    if (!alter) continue;
    const op = new AlterColumnOp(metadata.name, existing.name, {
      ...schema,
      ...alter,
      ...(isRename ? { newColumnName: column.name } : {}),
    });
    context.phases.columns.push(op);
    if (isRename) {
      context.renames.push({
        kind: 'column',
        table: tableName,
        from: existing.name,
        to: column.name,
        op,
        message: `${tableName}.${existing.name} is renamed ${column.name}: the entity names the column ${column.name}, and ${existing.name} is the name TypeORM derives from its property`,
      });
    }
  }
  const renamedFrom = new Set(renamed.values());
  const dropped = unclaimed.filter((c) => !renamedFrom.has(c));
  for (const column of dropped) {
    context.phases.columns.push(new DropColumnOp(metadata.name, column.name, { ...schema, existingColumn: toColumn(column) }));
    context.destructive.push({
      kind: 'drop-column',
      table: tableName,
      column: column.name,
      message: `Dropping column ${tableName}.${column.name} loses its data`,
    });
  }
  context.renameHints.push(...findRenameHints(context.dialect, metadata, dropped, added));
}

/** What changes in the column, with every `existing*` value; undefined when nothing does (and it is not renamed). */
function alterOptions(
  context: CompareContext,
  database: ColumnModel,
  metadata: ColumnModel,
  table: string,
  isRename: boolean,
): AlterColumnOptions | undefined {
  const changes: AlterColumnOptions = {};
  if (typeChanged(context, database, metadata)) {
    changes.type = metadata.type;
    if (needsUsing(context.dialect, database.type, metadata.type))
      changes.using = `"${database.name}"::${metadata.rawType || metadata.type}`;
    const risk = typeChangeRisk(context.dialect, database.type, metadata.type);
    if (risk !== undefined) {
      context.destructive.push({
        kind: 'narrow-type',
        table,
        column: database.name,
        from: database.type,
        to: metadata.type,
        message: `Changing ${table}.${database.name} from ${database.type} to ${metadata.type}: ${risk}`,
      });
    }
  }
  // An autoincrement key is NOT NULL whatever the entity says.
  if (database.nullable !== metadata.nullable && !(metadata.autoincrement && !database.nullable)) changes.nullable = metadata.nullable;
  if (serverDefaultChanged(context, database, metadata))
    changes.serverDefault = metadata.serverDefault === undefined ? null : sqlText(metadata.serverDefault);
  if (onUpdateChanged(context, database, metadata)) changes.onUpdate = metadata.onUpdate ?? null;
  if (dialectFor(context.dialect).schema.hasComments && commentChanged(database.comment, metadata.comment))
    changes.comment = metadata.comment || null;
  if (Object.keys(changes).length === 0 && !isRename) return undefined;
  return {
    ...changes,
    existingType: database.type,
    existingNullable: database.nullable,
    existingServerDefault: database.serverDefault === undefined ? null : sqlText(database.serverDefault),
    existingComment: database.comment || null,
    // MySQL re-states the whole column and needs to know either way; elsewhere only a true one is worth writing.
    ...(database.autoincrement || dialectFor(context.dialect).schema.restatesColumns
      ? { existingAutoincrement: database.autoincrement === true }
      : {}),
    ...(changes.onUpdate !== undefined || database.onUpdate !== undefined ? { existingOnUpdate: database.onUpdate ?? null } : {}),
  };
}

function typeChanged(context: CompareContext, database: ColumnModel, metadata: ColumnModel): boolean {
  const option = context.options.compareType ?? true;
  if (option === false) return false;
  if (typeof option === 'function') {
    const decided = option(database, metadata);
    if (decided !== undefined) return decided;
  }
  return !sameType(context.dialect, metadata.type, database.type);
}
