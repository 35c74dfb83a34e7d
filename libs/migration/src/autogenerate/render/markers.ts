import { BatchAlterTableOp } from '../../operations/batch-ops';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { DropEnumTypeOp } from '../../operations/enum-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import type { Dialect } from '../../operations/migration-ops';
import { DropTableOp } from '../../operations/table-ops';
import { typeChangeRisk } from '../compare/types';
import { dialectFor } from '../../dialects/registry';

type OpClass<T extends MigrateOperation> = abstract new (...args: never[]) => T;

const qualified = (table: string, schema?: string) => (schema ? `${schema}.${table}` : table);

/**
 * What an op can lose, for its `// DESTRUCTIVE:` comment, or undefined when it loses nothing;
 * keyed by class like the renderers.
 */
const RISKS = new Map<OpClass<MigrateOperation>, (op: never, dialect: Dialect) => string | undefined>();

function riskOf<T extends MigrateOperation>(opClass: OpClass<T>, describe: (op: T, dialect: Dialect) => string | undefined): void {
  RISKS.set(opClass, describe as (op: never, dialect: Dialect) => string | undefined);
}

riskOf(DropTableOp, (op) => `drops table ${qualified(op.tableName, op.options.schema)} and its data`);
riskOf(DropColumnOp, (op) => `drops column ${qualified(op.tableName, op.options.schema)}.${op.columnName} and its data`);
riskOf(DropEnumTypeOp, (op) => `drops enum type ${qualified(op.typeName, op.options.schema)}`);
riskOf(AlterColumnOp, (op, dialect) => {
  const { type, existingType, nullable, existingNullable, schema } = op.options;
  const column = `${qualified(op.tableName, schema)}.${op.columnName}`;
  const risks: string[] = [];
  if (type !== undefined) {
    // Without the type before, nothing says the change is safe.
    const risk = existingType === undefined ? 'values may not convert' : typeChangeRisk(dialect, existingType, type);
    if (risk !== undefined) risks.push(`changes ${column}${existingType ? ` from ${existingType}` : ''} to ${type}: ${risk}`);
  }
  if (nullable === false && existingNullable !== false) risks.push(`makes ${column} NOT NULL: fails while rows hold NULL`);
  return risks.length ? risks.join('; ') : undefined;
});

riskOf(AddColumnOp, (op, dialect) => {
  const { column, options } = op;
  if (column.nullable !== false || column.serverDefault !== undefined || column.autoincrement || column.primaryKey) return undefined;
  const what = dialectFor(dialect).schema.fillsNewNotNullColumns
    ? "existing rows get the type's implicit value (0, '')"
    : 'fails while the table has rows';
  return `adds ${qualified(op.tableName, options.schema)}.${column.name} NOT NULL without a default: ${what}`;
});

/** What `op` can lose on `dialect`, or undefined when it loses nothing (a widening, a new column ...). */
function destructiveRisk(op: MigrateOperation, dialect: Dialect): string | undefined {
  return RISKS.get(op.constructor as OpClass<MigrateOperation>)?.(op as never, dialect);
}

/**
 * The ops of `ops` (inside batches too) that can lose data or fail on existing rows, with what
 * they risk: dropping a table, a column or an enum type; a type change that narrows (a shorter
 * string, a smaller number, fewer digits or fractional seconds, dropped enum labels, another
 * kind of value), never a widening; NOT NULL on a column that allowed NULL, or on a new column
 * without a default (a `@VersionColumn` added to a table with rows). What
 * `renderDowngrade` marks, and autogenerate passes to `renderOps` for the upgrade.
 */
export function findDestructive(ops: readonly MigrateOperation[], dialect: Dialect): Map<MigrateOperation, string> {
  const found = new Map<MigrateOperation, string>();
  for (const op of ops) {
    if (op instanceof BatchAlterTableOp) {
      for (const [child, risk] of findDestructive(op.ops, dialect)) found.set(child, risk);
      continue;
    }
    const risk = destructiveRisk(op, dialect);
    if (risk !== undefined) found.set(op, risk);
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
