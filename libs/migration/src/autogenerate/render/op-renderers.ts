import { MigrationError } from '../../errors';
import { BatchAlterTableOp } from '../../operations/batch-ops';
import { AddColumnOp, AlterColumnOp, AlterColumnOptions, DropColumnOp } from '../../operations/column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from '../../operations/constraint-ops';
import { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from '../../operations/enum-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import { MigrateOperation } from '../../operations/migrate-operation';
import { elementName } from '../../operations/naming-convention';
import type { IndexDefinition, TableConstraint } from '../../operations/schema-objects';
import { BulkInsertOp, ExecuteSQLOp } from '../../operations/sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../../operations/table-ops';
import { call, Code, isEmptyObject, objectCode, printCode, stringLiteral } from './code';
import { defined, RenderContext } from './render-context';

/** Lines of TypeScript for one op, without the indentation of the block they go in. */
export type OpRenderer<T extends MigrateOperation = MigrateOperation> = (op: T, ctx: RenderContext) => string[];

type OpClass<T extends MigrateOperation> = abstract new (...args: never[]) => T;

/** The renderer of each op class (Alembic's `renderers.dispatch_for`), keyed by class as the dispatcher's implementations are. */
const RENDERERS = new Map<OpClass<MigrateOperation>, OpRenderer>();

/** Registers the renderer of an op class; also how a caller renders op classes of its own. */
export function rendererFor<T extends MigrateOperation>(opClass: OpClass<T>, render: OpRenderer<T>): void {
  RENDERERS.set(opClass, render as OpRenderer);
}

/**
 * The statements for `op`.
 * @throws Error for an op class with no renderer
 */
export function renderOp(op: MigrateOperation, ctx: RenderContext): string[] {
  const render = RENDERERS.get(op.constructor as OpClass<MigrateOperation>);
  if (!render) throw new MigrationError(`No renderer for operation ${op.constructor.name}; register one with rendererFor()`);
  return render(op, ctx);
}

/** `await op.method(args);` (or `batch.`), a trailing empty options object left out. */
export function statement(ctx: RenderContext, method: string, ...args: (Code | undefined)[]): string[] {
  const list = [...args];
  while (list.length && (list[list.length - 1] === undefined || isEmptyObject(list[list.length - 1]!))) list.pop();
  return statementOf(ctx, method, list);
}

/** `await op.method(args);` with every argument as given. */
function statementOf(ctx: RenderContext, method: string, args: readonly (Code | undefined)[]): string[] {
  const prefix = 'await ';
  // Inside a batch the lines are laid out as indented by two, which the block adds afterwards.
  const base = ctx.batch ? '  ' : '';
  const text = printCode(call(`${ctx.receiver}.${method}`, ...args.map((a) => a ?? 'undefined')), base.length + prefix.length, base);
  return `${prefix}${text};`.split('\n').map((line, i) => (i > 0 && line.startsWith(base) ? line.slice(base.length) : line));
}

/** The table argument: absent inside a batch, whose ops take no table. */
function table(ctx: RenderContext, tableName: string): Code[] {
  return ctx.batch ? [] : [stringLiteral(tableName)];
}

/** `{ schema }` outside a batch (the batch carries it). */
function schemaEntry(ctx: RenderContext, schema: string | undefined): readonly [string, Code | undefined] {
  return ['schema', ctx.batch ? undefined : defined(schema, (s) => ctx.value(s))];
}

const v = (ctx: RenderContext) => (value: unknown) => (value === undefined ? undefined : ctx.value(value));

// Tables

rendererFor(CreateTableOp, (op, ctx) =>
  statement(
    ctx,
    'createTable',
    stringLiteral(op.tableName),
    { array: op.elements.map((e) => ctx.element(e)), multiline: true },
    objectCode([schemaEntry(ctx, op.options.schema), ['comment', v(ctx)(op.options.comment)]]),
  ),
);

rendererFor(DropTableOp, (op, ctx) => {
  const { schema, existingElements, existingComment } = op.options;
  return statement(
    ctx,
    'dropTable',
    stringLiteral(op.tableName),
    objectCode([
      schemaEntry(ctx, schema),
      ['existingElements', defined(existingElements, (list) => ({ array: list.map((e) => ctx.element(e)), multiline: true }))],
      ['existingComment', v(ctx)(existingComment)],
    ]),
  );
});

rendererFor(RenameTableOp, (op, ctx) =>
  statement(
    ctx,
    'renameTable',
    stringLiteral(op.tableName),
    stringLiteral(op.newTableName),
    objectCode([schemaEntry(ctx, op.options.schema)]),
  ),
);

rendererFor(CreateTableCommentOp, (op, ctx) =>
  statement(
    ctx,
    'createTableComment',
    stringLiteral(op.tableName),
    stringLiteral(op.comment),
    objectCode([schemaEntry(ctx, op.options.schema), ['existingComment', v(ctx)(op.options.existingComment)]]),
  ),
);

rendererFor(DropTableCommentOp, (op, ctx) =>
  statement(
    ctx,
    'dropTableComment',
    stringLiteral(op.tableName),
    objectCode([schemaEntry(ctx, op.options.schema), ['existingComment', v(ctx)(op.options.existingComment)]]),
  ),
);

// Columns

rendererFor(AddColumnOp, (op, ctx) =>
  statement(ctx, 'addColumn', ...table(ctx, op.tableName), ctx.column(op.column), objectCode([schemaEntry(ctx, op.options.schema)])),
);

rendererFor(DropColumnOp, (op, ctx) =>
  statement(
    ctx,
    'dropColumn',
    ...table(ctx, op.tableName),
    stringLiteral(op.columnName),
    objectCode([schemaEntry(ctx, op.options.schema), ['existingColumn', defined(op.options.existingColumn, (c) => ctx.column(c))]]),
  ),
);

/** The options of `alterColumn`, in the order Alembic renders them: what changes, then what is. */
export function alterColumnOptions(ctx: RenderContext, options: AlterColumnOptions): Code {
  const o = options;
  const type = (t: string | undefined) => defined(t, (x) => ctx.type(x));
  const serverDefault = (d: AlterColumnOptions['serverDefault']) => defined(d, (x) => ctx.serverDefault(x));
  return objectCode([
    ['newColumnName', v(ctx)(o.newColumnName)],
    ['type', type(o.type)],
    ['existingType', type(o.existingType)],
    ['nullable', v(ctx)(o.nullable)],
    ['existingNullable', v(ctx)(o.existingNullable)],
    ['serverDefault', serverDefault(o.serverDefault)],
    ['existingServerDefault', serverDefault(o.existingServerDefault)],
    ['comment', v(ctx)(o.comment)],
    ['existingComment', v(ctx)(o.existingComment)],
    ['existingAutoincrement', v(ctx)(o.existingAutoincrement)],
    ['onUpdate', v(ctx)(o.onUpdate)],
    ['existingOnUpdate', v(ctx)(o.existingOnUpdate)],
    ['using', v(ctx)(o.using)],
    schemaEntry(ctx, o.schema),
  ]);
}

// alterColumn's options are not optional: an empty object stays.
rendererFor(AlterColumnOp, (op, ctx) =>
  statementOf(ctx, 'alterColumn', [...table(ctx, op.tableName), stringLiteral(op.columnName), alterColumnOptions(ctx, op.options)]),
);

// Constraints

rendererFor(CreatePrimaryKeyOp, (op, ctx) =>
  statement(
    ctx,
    'createPrimaryKey',
    ctx.name(op.constraintName),
    ...table(ctx, op.tableName),
    ctx.columnList(op.columns),
    objectCode([schemaEntry(ctx, op.options.schema)]),
  ),
);

rendererFor(CreateForeignKeyOp, (op, ctx) => {
  const o = op.foreignKeyOptions;
  return statement(
    ctx,
    'createForeignKey',
    ctx.name(op.constraintName),
    ...table(ctx, op.tableName),
    stringLiteral(op.referentTable),
    ctx.columnList(op.localColumns),
    ctx.columnList(op.remoteColumns),
    objectCode([
      ['sourceSchema', ctx.batch ? undefined : v(ctx)(o.sourceSchema)],
      ['referentSchema', v(ctx)(o.referentSchema)],
      ['onDelete', v(ctx)(o.onDelete)],
      ['onUpdate', v(ctx)(o.onUpdate)],
      ['deferrable', v(ctx)(o.deferrable)],
      ['initially', v(ctx)(o.initially)],
    ]),
  );
});

rendererFor(CreateUniqueConstraintOp, (op, ctx) =>
  statement(
    ctx,
    'createUniqueConstraint',
    ctx.name(op.constraintName),
    ...table(ctx, op.tableName),
    ctx.columnList(op.columns),
    objectCode([schemaEntry(ctx, op.options.schema)]),
  ),
);

rendererFor(CreateCheckConstraintOp, (op, ctx) =>
  statement(
    ctx,
    'createCheckConstraint',
    ctx.name(op.constraintName),
    ...table(ctx, op.tableName),
    stringLiteral(op.condition),
    objectCode([schemaEntry(ctx, op.options.schema)]),
  ),
);

/**
 * The name a drop with a null name (the reverse of a create named by the convention) drops:
 * `dropConstraint` and `dropIndex` take a string, so it is resolved here by the convention
 * the create used.
 * @throws Error when the convention cannot name it
 */
function droppedName(
  ctx: RenderContext,
  name: string | null,
  tableName: string,
  existing: TableConstraint | IndexDefinition | undefined,
): string {
  if (name !== null) return name;
  if (!existing) throw new MigrationError(`cannot render a drop on ${tableName} with neither a name nor the existing definition`);
  const resolved = elementName(ctx.namingConvention, tableName, existing);
  if (!resolved)
    throw new MigrationError(`cannot name the ${existing.kind} to drop on ${tableName}: the naming convention gives it no name`);
  return resolved;
}

rendererFor(DropConstraintOp, (op, ctx) => {
  const { type, existing, schema } = op.options;
  return statement(
    ctx,
    'dropConstraint',
    stringLiteral(droppedName(ctx, op.constraintName, op.tableName, existing)),
    ...table(ctx, op.tableName),
    objectCode([schemaEntry(ctx, schema), ['type', v(ctx)(type)], ['existing', defined(existing, (c) => ctx.constraint(c))]]),
  );
});

// Indexes

rendererFor(CreateIndexOp, (op, ctx) => {
  const { schema, unique, where, concurrently } = op.options;
  return statement(
    ctx,
    'createIndex',
    ctx.name(op.indexName),
    ...table(ctx, op.tableName),
    ctx.columnList(op.columns),
    objectCode([schemaEntry(ctx, schema), ['unique', v(ctx)(unique)], ['where', v(ctx)(where)], ['concurrently', v(ctx)(concurrently)]]),
  );
});

// `concurrently` is rendered because the op carries it (the reverse of a concurrent createIndex), though
// MigrationOps.dropIndex's options type does not declare it yet: such a file runs but fails a type-check.
rendererFor(DropIndexOp, (op, ctx) => {
  const { schema, existing, concurrently } = op.options;
  const name = stringLiteral(
    op.tableName === undefined && op.indexName !== null ? op.indexName : droppedName(ctx, op.indexName, op.tableName ?? '', existing),
  );
  const options = objectCode([
    schemaEntry(ctx, schema),
    ['existing', defined(existing, (i) => ctx.index(i))],
    ['concurrently', v(ctx)(concurrently)],
  ]);
  if (ctx.batch) return statement(ctx, 'dropIndex', name, options);
  return statement(ctx, 'dropIndex', name, op.tableName === undefined ? 'undefined' : stringLiteral(op.tableName), options);
});

// PostgreSQL enums

rendererFor(CreateEnumTypeOp, (op, ctx) =>
  statement(ctx, 'createEnumType', stringLiteral(op.typeName), ctx.value(op.values), objectCode([schemaEntry(ctx, op.options.schema)])),
);

rendererFor(DropEnumTypeOp, (op, ctx) =>
  statement(
    ctx,
    'dropEnumType',
    stringLiteral(op.typeName),
    objectCode([schemaEntry(ctx, op.options.schema), ['existingValues', v(ctx)(op.options.existingValues)]]),
  ),
);

rendererFor(AddEnumValueOp, (op, ctx) => {
  const { schema, before, after, ifNotExists } = op.options;
  return statement(
    ctx,
    'addEnumValue',
    stringLiteral(op.typeName),
    stringLiteral(op.value),
    objectCode([schemaEntry(ctx, schema), ['before', v(ctx)(before)], ['after', v(ctx)(after)], ['ifNotExists', v(ctx)(ifNotExists)]]),
  );
});

// Data

rendererFor(ExecuteSQLOp, (op, ctx) =>
  statement(ctx, 'execute', stringLiteral(op.sql), op.params.length ? ctx.value(op.params) : undefined),
);

rendererFor(BulkInsertOp, (op, ctx) =>
  statement(
    ctx,
    'bulkInsert',
    stringLiteral(op.tableName),
    { array: op.rows.map((row) => ctx.value(row)), multiline: true },
    objectCode([schemaEntry(ctx, op.options.schema)]),
  ),
);

// Batch

/**
 * `await op.batchAlterTable('t', async (batch) => { ... });`: the children rendered with
 * `batch.` and without their table, through the same renderers.
 */
export function renderBatchBlock(
  op: BatchAlterTableOp,
  ctx: RenderContext,
  renderChildren: (ops: readonly MigrateOperation[]) => string[],
): string[] {
  if (ctx.batch)
    throw new MigrationError(`cannot render batchAlterTable('${op.tableName}') inside batchAlterTable('${ctx.batch.tableName}')`);
  const { schema, recreate, copyFrom, tableArgs, partialReordering, namingConvention } = op.options;
  ctx.batch = { tableName: op.tableName, ...(schema === undefined ? {} : { schema }) };
  let body: string[];
  try {
    body = renderChildren(op.ops);
  } finally {
    ctx.batch = undefined;
  }
  const options = objectCode([
    ['schema', v(ctx)(schema)],
    ['recreate', v(ctx)(recreate)],
    ['copyFrom', defined(copyFrom, (t) => ctx.tableDefinition(t))],
    ['tableArgs', defined(tableArgs, (list) => ({ array: list.map((e) => ctx.element(e)), multiline: true }))],
    ['partialReordering', v(ctx)(partialReordering)],
    ['namingConvention', v(ctx)(namingConvention)],
  ]);
  const close = options.object.length ? `}, ${printCode(options, 3)});` : '});';
  return [
    `await op.batchAlterTable(${stringLiteral(op.tableName)}, async (batch) => {`,
    ...body.map((line) => (line === '' ? '' : `  ${line}`)),
    ...close.split('\n'),
  ];
}
