import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import type { TableOptions } from './table-ops';

/** A statement written by hand (`op.execute`). */
export class ExecuteSQLOp extends MigrateOperation {
  constructor(
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {
    super();
  }

  reverse(): never {
    throw new NotInvertibleError('execute()', 'the inverse of hand-written SQL is not known; write the downgrade by hand');
  }
}

/** Rows inserted with literal values, so the statement is the same online and in a `--sql` script. */
export class BulkInsertOp extends MigrateOperation {
  constructor(
    readonly tableName: string,
    readonly rows: readonly Readonly<Record<string, unknown>>[],
    readonly options: TableOptions = {},
  ) {
    super();
  }

  reverse(): never {
    throw new NotInvertibleError(`bulkInsert('${this.tableName}')`, 'delete the rows in the downgrade with execute()');
  }
}
