import type { Dialect } from '../../operations/migration-ops';
import { ColumnModel, qualifiedName, TableModel } from '../introspect/schema-model';
import type { RenameHint } from './context';
import { compatibleTypes } from './types';

/**
 * Possible renames in one table: a dropped column and an added one with a compatible type. Each
 * dropped column is paired with at most one added column, preferring the same exact type. Only a
 * hint: the ops still drop and add, since a rename cannot be told from a drop and an add.
 */
export function findRenameHints(dialect: Dialect, table: TableModel, dropped: readonly ColumnModel[], added: readonly ColumnModel[]): RenameHint[] {
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
