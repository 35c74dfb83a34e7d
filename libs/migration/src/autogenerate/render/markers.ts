import { BatchAlterTableOp } from '../../operations/batch-ops';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { DropEnumTypeOp } from '../../operations/enum-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import { DropTableOp } from '../../operations/table-ops';

type OpClass<T extends MigrateOperation> = abstract new (...args: never[]) => T;

const qualified = (table: string, schema?: string) => (schema ? `${schema}.${table}` : table);

/** What each kind of destructive op loses, for its `// DESTRUCTIVE:` comment; keyed by class like the renderers. */
const DESCRIPTIONS = new Map<OpClass<MigrateOperation>, (op: never) => string>();

function describeFor<T extends MigrateOperation>(opClass: OpClass<T>, describe: (op: T) => string): void {
  DESCRIPTIONS.set(opClass, describe as (op: never) => string);
}

describeFor(DropTableOp, (op) => `drops table ${qualified(op.tableName, op.options.schema)} and its data`);
describeFor(DropColumnOp, (op) => `drops column ${qualified(op.tableName, op.options.schema)}.${op.columnName} and its data`);
describeFor(DropEnumTypeOp, (op) => `drops enum type ${qualified(op.typeName, op.options.schema)}`);
describeFor(AlterColumnOp, (op) => {
  const { type, existingType, nullable, schema } = op.options;
  const column = `${qualified(op.tableName, schema)}.${op.columnName}`;
  const changes: string[] = [];
  if (type !== undefined) changes.push(`changes the type of ${column}${existingType ? ` from ${existingType}` : ''} to ${type}; values may not convert`);
  if (nullable === false) changes.push(`makes ${column} NOT NULL; fails while rows hold NULL`);
  return changes.join('; ') || `alters column ${column}`;
});

/** The `// DESTRUCTIVE:` text of `op`. */
export function describeDestructive(op: MigrateOperation): string {
  const describe = DESCRIPTIONS.get(op.constructor as OpClass<MigrateOperation>);
  const table = (op as { tableName?: string }).tableName;
  return describe ? describe(op as never) : `${op.constructor.name}${table ? ` on ${table}` : ''} may lose data`;
}

/**
 * The ops of `ops` (inside batches too) that lose data: dropping a table, a column or an enum
 * type, and changing a column's type. What `renderDowngrade` marks, since its ops are made
 * there; autogenerate may pass its own set to `renderOps`.
 */
export function findDestructive(ops: readonly MigrateOperation[]): Set<MigrateOperation> {
  const found = new Set<MigrateOperation>();
  for (const op of ops) {
    if (op instanceof BatchAlterTableOp) for (const child of findDestructive(op.ops)) found.add(child);
    else if (op instanceof DropTableOp || op instanceof DropColumnOp || op instanceof DropEnumTypeOp) found.add(op);
    else if (op instanceof AlterColumnOp && op.options.type !== undefined) found.add(op);
  }
  return found;
}

/** A column autogenerate saw dropped and another added on the same table: maybe a rename. */
export interface RenameHint {
  table: string;
  dropped: string;
  added: string;
  schema?: string;
}

/** Whether `op` is the add or the drop a hint is about. */
export function hintMatches(hint: RenameHint, op: MigrateOperation): boolean {
  if (!(op instanceof AddColumnOp || op instanceof DropColumnOp)) return false;
  if (op.tableName !== hint.table || op.options.schema !== hint.schema) return false;
  return op instanceof AddColumnOp ? op.column.name === hint.added : op.columnName === hint.dropped;
}

/**
 * The `alterColumn` that would rename instead, with what is known of the column's type and
 * nullability (from the drop's `existingColumn`, else from the added column).
 */
export function renameAlternative(hint: RenameHint, ops: readonly MigrateOperation[]): AlterColumnOp {
  const all = ops.flatMap((op) => (op instanceof BatchAlterTableOp ? op.ops : [op]));
  const drop = all.find((op): op is DropColumnOp => op instanceof DropColumnOp && hintMatches(hint, op));
  const add = all.find((op): op is AddColumnOp => op instanceof AddColumnOp && hintMatches(hint, op));
  const column = drop?.options.existingColumn ?? add?.column;
  const notNull = column && (column.nullable === false || column.primaryKey);
  return new AlterColumnOp(hint.table, hint.dropped, {
    newColumnName: hint.added,
    ...(column ? { existingType: column.type } : {}),
    ...(notNull ? { existingNullable: false } : {}),
    ...(hint.schema === undefined ? {} : { schema: hint.schema }),
  });
}
