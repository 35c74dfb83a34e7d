import { BatchAlterTableOp } from '../../operations/batch-ops';
import { MigrateOperation } from '../../operations/migrate-operation';
import { rendererFor } from './op-renderers';

/**
 * Stands in a generated downgrade for an upgrade op whose reverse is not known (an `execute`,
 * a `bulkInsert`, a drop without its `existing*` definition). It is never run: it renders as a
 * comment, and the downgrade it appears in starts with a `throw` (see `renderDowngrade`).
 */
export class IrreversibleOp extends MigrateOperation {
  constructor(
    readonly operation: MigrateOperation,
    readonly reason: string,
  ) {
    super();
  }

  reverse(): MigrateOperation {
    return this.operation;
  }
}

rendererFor(IrreversibleOp, (op) => [`// cannot reverse: ${op.reason}`]);

/**
 * The downgrade of `ops`: each op's `reverse()`, last first (Alembic's `upgrade_ops.reverse()`).
 * A batch is reversed child by child, so one child that cannot be reversed does not lose the
 * others; what cannot be reversed becomes an `IrreversibleOp` in its place.
 */
export function reverseOps(ops: readonly MigrateOperation[]): MigrateOperation[] {
  return [...ops].reverse().map(reverseOne);
}

function reverseOne(op: MigrateOperation): MigrateOperation {
  if (op instanceof BatchAlterTableOp) {
    // As BatchAlterTableOp.reverse(): copyFrom describes the table before the upgrade, not before the downgrade.
    const { recreate, schema } = op.options;
    return new BatchAlterTableOp(op.tableName, reverseOps(op.ops), {
      ...(recreate ? { recreate } : {}),
      ...(schema === undefined ? {} : { schema }),
    });
  }
  try {
    return op.reverse();
  } catch (error) {
    return new IrreversibleOp(op, error instanceof Error ? error.message : String(error));
  }
}

/** Whether `ops` (batches included) hold an op that could not be reversed. */
export function hasIrreversible(ops: readonly MigrateOperation[]): boolean {
  return ops.some((op) => op instanceof IrreversibleOp || (op instanceof BatchAlterTableOp && hasIrreversible(op.ops)));
}
