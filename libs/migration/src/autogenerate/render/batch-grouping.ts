import { BatchAlterTableOp } from '../../operations/batch-ops';
import { dialectFor } from '../../dialects/registry';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import { AddConstraintOp, DropConstraintOp } from '../../operations/constraint-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import type { Dialect } from '../../operations/migration-ops';
import { IrreversibleOp } from './downgrade';

/** The ops `batch.` has (BatchOperations): changes to one existing table. */
const TABLE_OPS: readonly (abstract new (...args: never[]) => MigrateOperation)[] = [
  AddColumnOp,
  DropColumnOp,
  AlterColumnOp,
  AddConstraintOp,
  DropConstraintOp,
  CreateIndexOp,
  DropIndexOp,
];

/** The table a batch block could hold `op` for, or undefined for an op `batch.` does not have. */
export function batchTableOf(op: MigrateOperation): { tableName: string; schema?: string } | undefined {
  if (op instanceof IrreversibleOp) return batchTableOf(op.operation);
  if (!TABLE_OPS.some((c) => op instanceof c)) return undefined;
  const { tableName, options } = op as MigrateOperation & { tableName?: string; options: { schema?: string; concurrently?: boolean } };
  // batch.dropIndex takes no table (none given: nothing to batch) and no `concurrently`.
  if (tableName === undefined || (op instanceof DropIndexOp && options.concurrently)) return undefined;
  return { tableName, ...(options.schema === undefined ? {} : { schema: options.schema }) };
}

/**
 * Alembic's `render_as_batch`: every run of consecutive ops on one existing table becomes one
 * `BatchAlterTableOp`, its ops in their order. Runs are not merged across other tables' ops,
 * so nothing is reordered (an FK must still follow the table it refers to); autogenerate emits
 * a table's changes together (Alembic's ModifyTableOps), which makes one block per table.
 * Creating, dropping and renaming tables, comments, enums and data stay plain `op.` calls.
 */
export function groupAsBatches(ops: readonly MigrateOperation[]): MigrateOperation[] {
  const grouped: MigrateOperation[] = [];
  let run: MigrateOperation[] = [];
  let key: string | undefined;
  const flush = () => {
    if (!run.length) return;
    const { tableName, schema } = batchTableOf(run[0])!;
    grouped.push(new BatchAlterTableOp(tableName, run, schema === undefined ? {} : { schema }));
    run = [];
    key = undefined;
  };
  for (const op of ops) {
    const table = batchTableOf(op);
    const opKey = table && JSON.stringify([table.schema ?? null, table.tableName]);
    if (opKey === undefined || opKey !== key) flush();
    if (opKey === undefined) grouped.push(op);
    else {
      run.push(op);
      key = opKey;
    }
  }
  flush();
  return grouped;
}

/**
 * Why `dialect`'s ALTER TABLE cannot run `op` (SQLite's, mostly), for an op not in a batch;
 * undefined when it can, or when the op is not a table change.
 */
export function alterProblem(dialect: Dialect, op: MigrateOperation): string | undefined {
  if (op instanceof IrreversibleOp || batchTableOf(op) === undefined) return undefined;
  return dialectFor(dialect).recreateReason(op);
}
