import type { Dialect } from '../../operations/migration-ops';
import { ColumnModel, qualifiedName, TableModel } from '../../dialects/schema-model';
import { findByName, RenameHint } from './context';
import { compatibleTypes } from './types';

/**
 * The pairs among `added` entity items (tables or columns) and `dropped` database ones that the
 * metadata proves renamed: the entity's `defaultName` (what TypeORM's naming strategy derives
 * from the class or property) is the dropped one's name, and no other added item claims it. An
 * item whose entity gives its name explicitly and whose database one still has the derived name
 * was renamed by that explicit name; without that evidence a drop and an add stay what they are.
 */
export function provenRenames<T extends { readonly name: string; readonly defaultName?: string }, D extends { readonly name: string }>(
  added: readonly T[],
  dropped: readonly D[],
): Array<[T, D]> {
  const pairs: Array<[T, D]> = [];
  // Nothing dropped, nothing renamed: the usual case of a first revision, with every table added.
  if (dropped.length === 0) return pairs;
  // Counted once, not per item: a first revision of hundreds of entities adds hundreds of tables.
  const claims = new Map<string, number>();
  for (const item of added) {
    const key = item.defaultName?.toLowerCase();
    if (key !== undefined) claims.set(key, (claims.get(key) ?? 0) + 1);
  }
  for (const item of added) {
    if (item.defaultName === undefined) continue;
    const old = findByName(dropped, item.defaultName);
    if (claims.get(item.defaultName.toLowerCase()) === 1 && old !== undefined) pairs.push([item, old]);
  }
  return pairs;
}

/**
 * Possible renames in one table: a dropped column and an added one with a compatible type. Each
 * dropped column is paired with at most one added column, preferring the same exact type. Only a
 * hint: the ops still drop and add, since a rename cannot be told from a drop and an add.
 */
export function findRenameHints(
  dialect: Dialect,
  table: TableModel,
  dropped: readonly ColumnModel[],
  added: readonly ColumnModel[],
): RenameHint[] {
  const name = qualifiedName(table.schema, table.name);
  const schemaOption = table.schema === undefined ? '' : `, schema: '${table.schema}'`;
  const hints: RenameHint[] = [];
  const unpaired = [...added];
  for (const old of dropped) {
    const candidates = unpaired.filter((c) => compatibleTypes(dialect, old.type, c.type));
    const pick = candidates.find((c) => c.type === old.type) ?? candidates[0];
    if (!pick) continue;
    unpaired.splice(unpaired.indexOf(pick), 1);
    hints.push({
      table: table.name,
      ...(table.schema === undefined ? {} : { schema: table.schema }),
      from: old.name,
      to: pick.name,
      type: pick.type,
      message:
        `${name}.${old.name} is dropped and ${name}.${pick.name} (${pick.type}) added: if this is a rename, replace both with ` +
        `op.alterColumn('${table.name}', '${old.name}', { newColumnName: '${pick.name}'${schemaOption} }) to keep the data`,
    });
  }
  return hints;
}
