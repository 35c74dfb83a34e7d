import { MigrationError } from '../errors';
import { BatchAlterTableOp } from './batch-ops';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from './column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from './constraint-ops';
import type { DdlImpl, Statement, TableRecreate } from './ddl-impl';
import type { TableDefinition } from './schema-objects';
import { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from './enum-ops';
import { CreateIndexOp, DropIndexOp } from './index-ops';
import type { MigrateOperation } from './migrate-operation';
import { BulkInsertOp, ExecuteSQLOp } from './sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from './table-ops';

export type OpClass<T extends MigrateOperation> = abstract new (...args: never[]) => T;
type Implementation = (impl: DdlImpl, op: MigrateOperation) => Statement[];

/** The one implementation of each op class (Alembic's `Operations.implementation_for`), keyed by class. */
const IMPLEMENTATIONS = new Map<OpClass<MigrateOperation>, Implementation>();

export function implementationFor<T extends MigrateOperation>(opClass: OpClass<T>, render: (impl: DdlImpl, op: T) => Statement[]): void {
  IMPLEMENTATIONS.set(opClass, render as Implementation);
}

implementationFor(CreateTableOp, (impl, op) => impl.createTable(op));
implementationFor(DropTableOp, (impl, op) => impl.dropTable(op));
implementationFor(RenameTableOp, (impl, op) => impl.renameTable(op));
implementationFor(CreateTableCommentOp, (impl, op) => impl.createTableComment(op));
implementationFor(DropTableCommentOp, (impl, op) => impl.dropTableComment(op));
implementationFor(AddColumnOp, (impl, op) => impl.addColumn(op));
implementationFor(DropColumnOp, (impl, op) => impl.dropColumn(op));
implementationFor(AlterColumnOp, (impl, op) => impl.alterColumn(op));
implementationFor(CreatePrimaryKeyOp, (impl, op) => impl.addConstraintOp(op));
implementationFor(CreateForeignKeyOp, (impl, op) => impl.addConstraintOp(op));
implementationFor(CreateUniqueConstraintOp, (impl, op) => impl.addConstraintOp(op));
implementationFor(CreateCheckConstraintOp, (impl, op) => impl.addConstraintOp(op));
implementationFor(DropConstraintOp, (impl, op) => impl.dropConstraint(op));
implementationFor(CreateIndexOp, (impl, op) => impl.createIndex(op));
implementationFor(DropIndexOp, (impl, op) => impl.dropIndex(op));
implementationFor(CreateEnumTypeOp, (impl, op) => impl.createEnumType(op));
implementationFor(DropEnumTypeOp, (impl, op) => impl.dropEnumType(op));
implementationFor(AddEnumValueOp, (impl, op) => impl.addEnumValue(op));
implementationFor(ExecuteSQLOp, (impl, op) => impl.execute(op));
implementationFor(BulkInsertOp, (impl, op) => impl.bulkInsert(op));
implementationFor(BatchAlterTableOp, (impl, op) => renderBatch(impl, op, op.options.copyFrom));

/**
 * The statements that carry out `op` on the impl's dialect.
 * @throws MigrationError for an op class with no implementation, or one the dialect cannot do
 */
export function renderOperation(impl: DdlImpl, op: MigrateOperation): Statement[] {
  const render = IMPLEMENTATIONS.get(op.constructor as OpClass<MigrateOperation>);
  if (!render) {
    throw new MigrationError(`No implementation for operation ${op.constructor.name}; build ops with the classes nest-migrate exports`);
  }
  return render(impl, op);
}

/**
 * Whether the batch recreates its table: only where ALTER TABLE falls short (SQLite), by its
 * `recreate` option.
 * @throws MigrationError with `recreate: 'never'` when a change needs the table recreated
 */
export function batchRecreates(impl: DdlImpl, op: BatchAlterTableOp): boolean {
  return batchTableRecreate(impl, op) !== undefined;
}

/** The impl's table recreate when the batch needs it, else undefined (see batchRecreates). */
export function batchTableRecreate(impl: DdlImpl, op: BatchAlterTableOp): TableRecreate | undefined {
  const recreate = impl.tableRecreate;
  if (recreate === undefined) return undefined;
  const option = op.options.recreate ?? 'auto';
  if (option === 'always') return recreate;
  for (const child of op.ops) {
    const reason = recreate.recreateReason(child);
    if (reason === undefined) continue;
    if (option === 'auto') return recreate;
    throw new MigrationError(
      `batchAlterTable('${op.tableName}') with recreate 'never' cannot ${reason}: ${impl.dialect} needs the table recreated for that; use recreate 'auto'`,
    );
  }
  return undefined;
}

/**
 * The statements of a batch: on SQLite, a recreate of `table` (the table as it is, read from the
 * database or given as `copyFrom`) when the batch needs one; otherwise each child op as `op`
 * would run it, named by the batch's `namingConvention` over the run's. Column types of a table
 * `readFromDatabase` are written exactly as they were read.
 * @throws MigrationError when the table must be recreated and `table` is not given (under --sql)
 */
export function renderBatch(
  impl: DdlImpl,
  op: BatchAlterTableOp,
  table: TableDefinition | undefined,
  readFromDatabase = false,
): Statement[] {
  const { namingConvention } = op.options;
  const batchImpl = namingConvention ? impl.withNamingConvention(namingConvention) : impl;
  const recreate = batchTableRecreate(batchImpl, op);
  if (recreate === undefined) return op.ops.flatMap((child) => renderOperation(batchImpl, child));
  if (!table) {
    throw new MigrationError(
      `batchAlterTable('${op.tableName}') needs copyFrom with --sql on ${impl.dialect}: the table cannot be read offline`,
    );
  }
  return recreate.recreateTable(op, table, readFromDatabase);
}
